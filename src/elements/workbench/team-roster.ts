import type { ReactiveControllerHost } from 'lit';
import type { InteropClient } from '../../client/index.js';
import type { TeamMember } from '../../protocol/index.js';

/**
 * The workbench's colleagues as the team tile and the customer panel show them: presence changes live, and the list
 * is read again when a transfer changes whose customers are whose (or waiting).
 */
export class TeamRoster {
  members: TeamMember[] = [];

  constructor(private readonly host: ReactiveControllerHost) {}

  #set(members: TeamMember[]) {
    this.members = members;
    this.host.requestUpdate();
  }

  clear(): void {
    this.#set([]);
  }

  async load(client: InteropClient): Promise<void> {
    this.#set((await client.request('team:list', {})).employees);
  }

  /** Follows `client`'s pushes; returns what stops it. */
  follow(client: InteropClient): () => void {
    const offPresence = client.on('presence', ({ employeeId, status }) =>
      this.#set(this.members.map((member) => (member.id === employeeId ? { ...member, presence: status } : member))),
    );
    const offTransfer = client.on('transfer', () => void this.load(client).catch(() => undefined));
    return () => {
      offPresence();
      offTransfer();
    };
  }

  name(id: string): string | undefined {
    return this.members.find((member) => member.id === id)?.name;
  }
}

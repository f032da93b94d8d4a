import type { ReactiveControllerHost } from 'lit';
import type { InteropClient } from '../../client/index.js';
import type { TeamMember } from '../../protocol/index.js';

/**
 * The workbench's colleagues as the team tile and the customer panel show them: presence changes live, and the list
 * is read again when a transfer changes whose customers are whose (or waiting).
 */
export class TeamRoster {
  members: TeamMember[] = [];
  #reading: Promise<void> | undefined;
  #readAgain = false;

  constructor(private readonly host: ReactiveControllerHost) {}

  #set(members: TeamMember[]) {
    this.members = members;
    this.host.requestUpdate();
  }

  clear(): void {
    this.#readAgain = false;
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
    const offTransfer = client.on('transfer', () => this.#reloadOnce(client));
    return () => {
      offPresence();
      offTransfer();
    };
  }

  /**
   * One read at a time however many transfers are pushed (a departure pushes one per customer): a push during a read
   * asks for one more read after it, not one each.
   */
  #reloadOnce(client: InteropClient) {
    if (this.#reading) {
      this.#readAgain = true;
      return;
    }
    this.#reading = this.load(client)
      .catch(() => undefined)
      .finally(() => {
        this.#reading = undefined;
        if (this.#readAgain) {
          this.#readAgain = false;
          this.#reloadOnce(client);
        }
      });
  }

  name(id: string): string | undefined {
    return this.members.find((member) => member.id === id)?.name;
  }
}

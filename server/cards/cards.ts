import { createHmac, timingSafeEqual } from 'node:crypto';
import { InteropError, type BusinessCard, toVCard } from '@interop-kit/elements/protocol';
import type { Corp, CorpStore } from '../corps/store.js';

/**
 * Business cards as the company hands them out. Each card has a link to its vCard: a capability URL (an HMAC of corp
 * and employee), so whoever was given a card can share it — as its QR code — while employees cannot be enumerated.
 */
export function createCards(corps: CorpStore, secret: string) {
  const signature = (corpId: string, employeeId: string) =>
    createHmac('sha256', secret).update(`card:${corpId}:${employeeId}`).digest('base64url').slice(0, 32);

  const vcardPath = (corpId: string, employeeId: string) =>
    `/api/corps/${encodeURIComponent(corpId)}/cards/${encodeURIComponent(employeeId)}.vcf?sig=${signature(corpId, employeeId)}`;

  async function card(corp: Pick<Corp, 'id' | 'name'>, employeeId: string): Promise<BusinessCard> {
    const employee = await corps.getEmployee(corp.id, employeeId);
    if (!employee) throw new InteropError('not_found', `No employee ${employeeId}`);
    const successor = employee.successorId ? await corps.getEmployee(corp.id, employee.successorId) : undefined;
    const active = employee.status === 'active';
    return {
      id: employee.id,
      name: employee.name,
      title: employee.title,
      avatarUrl: employee.avatarUrl,
      // A departed employee's direct lines are no longer the company's to hand out.
      phone: active ? employee.phone : null,
      email: active ? employee.email : null,
      bio: employee.bio,
      company: { id: corp.id, name: corp.name, verified: true },
      status: employee.status,
      successor: successor ? { id: successor.id, name: successor.name, title: successor.title } : null,
      vcardUrl: active ? vcardPath(corp.id, employee.id) : null,
    };
  }

  return {
    card,

    /** The vCard behind a card link, or undefined when the signature is wrong or the employee has left. */
    async vcard(
      corp: Pick<Corp, 'id' | 'name'>,
      employeeId: string,
      sig: string,
    ): Promise<{ name: string; text: string } | undefined> {
      const expected = Buffer.from(signature(corp.id, employeeId));
      const given = Buffer.from(sig);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      const found = await card(corp, employeeId).catch(() => undefined);
      if (!found || found.status !== 'active') return undefined;
      const text = toVCard({
        name: found.name,
        title: found.title,
        organization: found.company.name,
        phone: found.phone,
        email: found.email,
        note: found.bio,
        photoUrl: found.avatarUrl,
        uid: `urn:x-interop-kit:${corp.id}:${found.id}`,
      });
      return { name: found.name, text };
    },
  };
}
export type Cards = ReturnType<typeof createCards>;

import { visitorName, type CustomerProfile, type LastVisit } from '@interop-kit/elements/protocol';

export interface Customer {
  id: string;
  corpId: string;
  externalId: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  consentAt: string | null;
  assignedEmployeeId: string | null;
  tags: string[];
  notes: string;
  lastVisit: LastVisit | null;
  createdAt: string;
}

/** What an anonymous customer is called until they tell us their name: a readable name from their id (English). */
export const customerDisplayName = (customer: { id: string; name: string | null }) =>
  customer.name ?? visitorName(customer.id);

/** The company's record of a customer as the workbench and the CRM API show it. */
export function customerProfile(customer: Customer, owner: { id: string; name: string } | null): CustomerProfile {
  return {
    id: customer.id,
    displayName: customerDisplayName(customer),
    name: customer.name,
    email: customer.email,
    phone: customer.phone,
    externalId: customer.externalId,
    verified: customer.externalId !== null,
    tags: customer.tags,
    notes: customer.notes,
    owner,
    consentAt: customer.consentAt,
    createdAt: customer.createdAt,
    lastVisit: customer.lastVisit,
  };
}

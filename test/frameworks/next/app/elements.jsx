'use client';
// What the README says to do in the App Router: import an element's module from a client component.
import '@interop-kit/elements/business-card';

export default function Elements() {
  return null;
}

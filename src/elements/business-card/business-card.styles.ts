import { css } from 'lit';

export const businessCardStyles = css`
  .base {
    gap: calc(var(--_space) * 1.5);
    padding: calc(var(--_space) * 2);
  }
  :host([layout='compact']) .base {
    gap: var(--_space);
    padding: calc(var(--_space) * 1.5);
  }
  .header {
    display: flex;
    gap: calc(var(--_space) * 1.5);
    align-items: center;
  }
  .avatar {
    flex: none;
    inline-size: 56px;
    block-size: 56px;
    border-radius: 50%;
    object-fit: cover;
    background: var(--_surface-alt);
  }
  :host([layout='compact']) .avatar {
    inline-size: 40px;
    block-size: 40px;
  }
  .initials {
    display: grid;
    place-items: center;
    font-weight: 700;
    color: var(--_muted);
  }
  .lines {
    display: flex;
    flex-direction: column;
    gap: 2px;
    min-inline-size: 0;
    flex: 1;
  }
  h3,
  p,
  ul {
    margin: 0;
  }
  h3 {
    font-size: 1rem;
  }
  [part='title'],
  .company,
  .bio {
    font-size: 0.875rem;
    color: var(--_muted);
  }
  .company {
    display: flex;
    align-items: center;
    gap: 4px;
  }
  .verified {
    inline-size: 14px;
    block-size: 14px;
    color: var(--_accent-ink);
  }
  .notice {
    font-size: 0.875rem;
    padding: var(--_space);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface-alt);
  }
  .contact {
    list-style: none;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 4px;
    font-size: 0.875rem;
  }
  a {
    color: var(--_accent-ink);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  button,
  .button {
    font: inherit;
    font-size: 0.875rem;
    cursor: pointer;
    border: 1px solid var(--_accent);
    border-radius: calc(var(--_radius) / 2);
    padding: calc(var(--_space) * 0.75) calc(var(--_space) * 1.25);
    background: var(--_accent);
    color: var(--_accent-text);
    font-weight: 600;
    text-decoration: none;
  }
  .secondary {
    background: transparent;
    color: var(--_accent-ink);
    border-color: var(--_accent-ink);
  }
  a:focus-visible,
  button:focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
  .qr svg {
    display: block;
    inline-size: var(--ix-qr-size, 160px);
    block-size: var(--ix-qr-size, 160px);
  }
  .skeleton {
    background: var(--_surface-alt);
    border-radius: 4px;
  }
  .skeleton.avatar {
    border-radius: 50%;
  }
  .skeleton.line {
    block-size: 0.875rem;
  }
  .skeleton.line.short {
    inline-size: 50%;
  }
  .error {
    color: var(--_danger);
  }
`;

import { css } from 'lit';

/** The settings tile's forms (in the workbench's shadow root: its module brings no styles of its own). */
export const settingsStyles = css`
  .settings {
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  .settings fieldset {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding: var(--_space) calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 1.5);
    min-inline-size: 0;
  }
  .settings legend {
    font-weight: 600;
  }
  .settings label {
    display: flex;
    flex-wrap: wrap;
    gap: 4px calc(var(--_space) / 1.5);
    align-items: center;
  }
  .settings ul {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: 4px;
  }
  .settings li {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 1.5);
    align-items: center;
  }
  .inline-form,
  .day {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
  }
  .settings .error,
  .origin-check[data-allowed='false'] {
    color: var(--_danger);
  }
  .new-key code {
    word-break: break-all;
  }
  .settings table {
    border-collapse: collapse;
    font-size: 0.8125rem;
  }
  .settings th,
  .settings td {
    padding: 2px 8px;
    text-align: start;
    border-block-end: 1px solid var(--_border);
  }
`;

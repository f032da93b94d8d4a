import '../src/elements/workbench/define.js';
import { InteropClient, postJson } from '../src/client/index.js';
import { devEmployeesSchema, sessionTokenSchema } from '../src/protocol/index.js';

const CORP = 'acme';
const STORAGE_KEY = 'ix-demo-employee';
const api = (path: string) => `${location.origin}/api/corps/${CORP}/${path}`;

const form = document.querySelector<HTMLFormElement>('#login')!;
const select = document.querySelector<HTMLSelectElement>('#employee')!;
const portal = document.querySelector<HTMLElement>('#portal')!;
const signedIn = document.querySelector<HTMLElement>('#signed-in')!;
const workbench = document.querySelector('ix-workbench')!;

/** Development login: asks the backend for an employee token (the route only exists outside production). */
async function employeeToken(employeeId: string): Promise<string> {
  return sessionTokenSchema.parse(await postJson(api('sessions/employee-dev'), { employeeId })).token;
}

function signIn(employeeId: string, name: string) {
  sessionStorage.setItem(STORAGE_KEY, employeeId);
  const client = new InteropClient({ endpoint: location.origin, corp: CORP, tokenProvider: () => employeeToken(employeeId) });
  workbench.client = client;
  signedIn.textContent = `Signed in as ${name}.`;
  form.hidden = true;
  portal.hidden = false;
}

async function start() {
  const response = await fetch(api('dev/employees'));
  if (!response.ok) {
    signedIn.textContent = 'The development login is disabled on this server.';
    portal.hidden = false;
    form.hidden = true;
    return;
  }
  const { employees } = devEmployeesSchema.parse(await response.json());
  for (const employee of employees) select.add(new Option(`${employee.name}${employee.title ? ` — ${employee.title}` : ''}`, employee.id));
  const remembered = employees.find((employee) => employee.id === sessionStorage.getItem(STORAGE_KEY));
  if (remembered) signIn(remembered.id, remembered.name);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const employee = employees.find((candidate) => candidate.id === select.value);
    if (employee) signIn(employee.id, employee.name);
  });
}

void start();

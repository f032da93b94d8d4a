import type { EmployeeRole } from '@interop-kit/elements/protocol';
import type { Queryable } from '../db/database.js';

export interface Employee {
  id: string;
  corpId: string;
  name: string;
  title: string | null;
  avatarUrl: string | null;
  phone: string | null;
  email: string | null;
  bio: string | null;
  status: 'active' | 'departed';
  successorId: string | null;
  role: EmployeeRole;
  /** Tokens minted in an earlier epoch are refused (the employee signed out). */
  sessionEpoch: number;
}

interface EmployeeRow {
  id: string;
  corp_id: string;
  name: string;
  title: string | null;
  avatar_url: string | null;
  phone: string | null;
  email: string | null;
  bio: string | null;
  status: 'active' | 'departed';
  successor_id: string | null;
  role: EmployeeRole;
  session_epoch: number;
}

const toEmployee = (row: EmployeeRow): Employee => ({
  id: row.id,
  corpId: row.corp_id,
  name: row.name,
  title: row.title,
  avatarUrl: row.avatar_url,
  phone: row.phone,
  email: row.email,
  bio: row.bio,
  status: row.status,
  successorId: row.successor_id,
  role: row.role,
  sessionEpoch: row.session_epoch,
});

/** A company's employees, by the company's own ids (unique within it). Part of the corp store. */
export function createEmployeeStore(db: Queryable) {
  return {
    async getEmployee(corpId: string, id: string): Promise<Employee | undefined> {
      const { rows } = await db.query<EmployeeRow>('SELECT * FROM employees WHERE corp_id = $1 AND id = $2', [
        corpId,
        id,
      ]);
      return rows[0] && toEmployee(rows[0]);
    },

    /** The corp's employee with this email address (case-insensitive): how single sign-on may match people. */
    async employeeByEmail(corpId: string, email: string): Promise<Employee | undefined> {
      const { rows } = await db.query<EmployeeRow>(
        'SELECT * FROM employees WHERE corp_id = $1 AND lower(email) = lower($2) ORDER BY id LIMIT 1',
        [corpId, email],
      );
      return rows[0] && toEmployee(rows[0]);
    },

    /** Signs an employee out everywhere: tokens minted before are refused from now on. Returns the new epoch. */
    async endSessions(corpId: string, employeeId: string): Promise<void> {
      await db.query('UPDATE employees SET session_epoch = session_epoch + 1 WHERE corp_id = $1 AND id = $2', [
        corpId,
        employeeId,
      ]);
    },

    /** Records that an employee left, and who took over from them (null: the team). */
    async markDeparted(corpId: string, employeeId: string, successorId: string | null): Promise<void> {
      await db.query(
        `UPDATE employees SET status = 'departed', successor_id = $3, departed_at = now(), updated_at = now() WHERE corp_id = $1 AND id = $2`,
        [corpId, employeeId, successorId],
      );
    },

    async listEmployees(corpId: string): Promise<Employee[]> {
      const { rows } = await db.query<EmployeeRow>('SELECT * FROM employees WHERE corp_id = $1 ORDER BY name', [
        corpId,
      ]);
      return rows.map(toEmployee);
    },

    /**
     * Directory sync: the employee as the company's directory has them, created or updated by id. Fields left out keep
     * their value; a departed employee stays departed (their customers have moved on). `created` tells which it was.
     */
    async upsertEmployee(
      corpId: string,
      id: string,
      employee: {
        name: string;
        email: string;
        title?: string | null | undefined;
        phone?: string | null | undefined;
        role?: EmployeeRole | undefined;
      },
    ): Promise<{ employee: Employee; created: boolean }> {
      const { rows } = await db.query<EmployeeRow & { inserted: boolean }>(
        `INSERT INTO employees (corp_id, id, name, email, title, phone, role) VALUES ($1, $2, $3, $4, $6, $8, COALESCE($9, 'agent'))
         ON CONFLICT (corp_id, id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email,
           title = CASE WHEN $5 THEN EXCLUDED.title ELSE employees.title END,
           phone = CASE WHEN $7 THEN EXCLUDED.phone ELSE employees.phone END,
           role = COALESCE($9, employees.role), updated_at = now()
         RETURNING *, (xmax = 0) AS inserted`,
        [
          corpId,
          id,
          employee.name,
          employee.email,
          employee.title !== undefined,
          employee.title ?? null,
          employee.phone !== undefined,
          employee.phone ?? null,
          employee.role ?? null,
        ],
      );
      return { employee: toEmployee(rows[0]!), created: rows[0]!.inserted };
    },

    async createEmployee(
      employee: Omit<Employee, 'status' | 'successorId' | 'role' | 'sessionEpoch'> & { role?: EmployeeRole },
    ): Promise<Employee> {
      const { rows } = await db.query<EmployeeRow>(
        `INSERT INTO employees (id, corp_id, name, title, avatar_url, phone, email, bio, role)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
        [
          employee.id,
          employee.corpId,
          employee.name,
          employee.title,
          employee.avatarUrl,
          employee.phone,
          employee.email,
          employee.bio,
          employee.role ?? 'agent',
        ],
      );
      return toEmployee(rows[0]!);
    },
  };
}

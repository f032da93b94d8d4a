import { randomUUID } from 'node:crypto';
import type { Todo } from '@interop-kit/elements/protocol';
import type { Queryable } from '../db/database.js';

interface TodoRow {
  id: string;
  text: string;
  due_at: Date | null;
  done_at: Date | null;
  conversation_id: string | null;
  message_id: string | null;
  customer_name: string | null;
  created_at: Date;
}

const toTodo = (row: TodoRow): Todo => ({
  id: row.id,
  text: row.text,
  dueAt: row.due_at?.toISOString() ?? null,
  doneAt: row.done_at?.toISOString() ?? null,
  conversationId: row.conversation_id,
  messageId: row.message_id,
  customerName: row.customer_name,
  createdAt: row.created_at.toISOString(),
});

const SELECT_TODO = `
  SELECT t.*, cu.name AS customer_name FROM todos t
  LEFT JOIN conversations c ON c.id = t.conversation_id
  LEFT JOIN customers cu ON cu.id = c.customer_id`;

/** Whose to-dos: an employee id is unique within its corp only. */
export interface TodoOwner {
  corpId: string;
  employeeId: string;
}

/** Each employee's own to-dos. Every query is scoped to the owner, so nobody reads or edits a colleague's. */
export function createTodoStore(db: Queryable) {
  async function get(owner: TodoOwner, id: string): Promise<Todo | undefined> {
    const { rows } = await db.query<TodoRow>(
      `${SELECT_TODO} WHERE t.corp_id = $1 AND t.employee_id = $2 AND t.id = $3`,
      [owner.corpId, owner.employeeId, id],
    );
    return rows[0] && toTodo(rows[0]);
  }

  return {
    async list(owner: TodoOwner, done: boolean, limit: number): Promise<Todo[]> {
      // Open ones by due time (undated last), done ones most recently done first.
      const { rows } = await db.query<TodoRow>(
        `${SELECT_TODO} WHERE t.corp_id = $1 AND t.employee_id = $2 AND (t.done_at IS NOT NULL) = $3
         ORDER BY ${done ? 't.done_at DESC' : 't.due_at ASC NULLS LAST, t.created_at'} LIMIT $4`,
        [owner.corpId, owner.employeeId, done, limit],
      );
      return rows.map(toTodo);
    },

    async create(
      todo: TodoOwner & {
        text: string;
        dueAt: string | null;
        conversationId: string | null;
        messageId: string | null;
      },
    ): Promise<Todo> {
      const id = randomUUID();
      await db.query(
        `INSERT INTO todos (id, corp_id, employee_id, conversation_id, message_id, text, due_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, todo.corpId, todo.employeeId, todo.conversationId, todo.messageId, todo.text, todo.dueAt],
      );
      return (await get(todo, id))!;
    },

    async update(
      owner: TodoOwner,
      id: string,
      change: { text?: string; dueAt?: string | null; done?: boolean },
    ): Promise<Todo | undefined> {
      const { rows } = await db.query(
        `UPDATE todos SET text = COALESCE($3, text),
           due_at = CASE WHEN $4 THEN $5::timestamptz ELSE due_at END,
           done_at = CASE WHEN $6::boolean IS NULL THEN done_at WHEN $6 THEN COALESCE(done_at, now()) ELSE NULL END
         WHERE corp_id = $7 AND employee_id = $1 AND id = $2 RETURNING id`,
        [
          owner.employeeId,
          id,
          change.text ?? null,
          change.dueAt !== undefined,
          change.dueAt ?? null,
          change.done ?? null,
          owner.corpId,
        ],
      );
      return rows.length ? get(owner, id) : undefined;
    },

    /** Unfinished to-dos of one employee go to another (the company's work outlives who started it). */
    /** An employee's unfinished to-dos go to another, but those about the customers in `exceptCustomers`. */
    async handOver(corpId: string, fromId: string, toId: string, options: { exceptCustomers?: string[] } = {}) {
      await db.query(
        `UPDATE todos SET employee_id = $3 WHERE corp_id = $1 AND employee_id = $2 AND done_at IS NULL
           AND (conversation_id IS NULL OR conversation_id NOT IN
                (SELECT id FROM conversations WHERE customer_id = ANY($4::uuid[])))`,
        [corpId, fromId, toId, options.exceptCustomers ?? []],
      );
    },

    async countOpen(owner: TodoOwner): Promise<number> {
      const { rows } = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM todos WHERE corp_id = $1 AND employee_id = $2 AND done_at IS NULL',
        [owner.corpId, owner.employeeId],
      );
      return rows[0]!.n;
    },
  };
}
export type TodoStore = ReturnType<typeof createTodoStore>;

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

/** Each employee's own to-dos. Every query is scoped to the owner, so nobody reads or edits a colleague's. */
export function createTodoStore(db: Queryable) {
  async function get(employeeId: string, id: string): Promise<Todo | undefined> {
    const { rows } = await db.query<TodoRow>(`${SELECT_TODO} WHERE t.employee_id = $1 AND t.id = $2`, [employeeId, id]);
    return rows[0] && toTodo(rows[0]);
  }

  return {
    async list(employeeId: string, done: boolean, limit: number): Promise<Todo[]> {
      // Open ones by due time (undated last), done ones most recently done first.
      const { rows } = await db.query<TodoRow>(
        `${SELECT_TODO} WHERE t.employee_id = $1 AND (t.done_at IS NOT NULL) = $2
         ORDER BY ${done ? 't.done_at DESC' : 't.due_at ASC NULLS LAST, t.created_at'} LIMIT $3`,
        [employeeId, done, limit],
      );
      return rows.map(toTodo);
    },

    async create(todo: {
      corpId: string;
      employeeId: string;
      text: string;
      dueAt: string | null;
      conversationId: string | null;
      messageId: string | null;
    }): Promise<Todo> {
      const id = randomUUID();
      await db.query(
        `INSERT INTO todos (id, corp_id, employee_id, conversation_id, message_id, text, due_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, todo.corpId, todo.employeeId, todo.conversationId, todo.messageId, todo.text, todo.dueAt],
      );
      return (await get(todo.employeeId, id))!;
    },

    async update(employeeId: string, id: string, change: { text?: string; dueAt?: string | null; done?: boolean }): Promise<Todo | undefined> {
      const { rows } = await db.query(
        `UPDATE todos SET text = COALESCE($3, text),
           due_at = CASE WHEN $4 THEN $5::timestamptz ELSE due_at END,
           done_at = CASE WHEN $6::boolean IS NULL THEN done_at WHEN $6 THEN COALESCE(done_at, now()) ELSE NULL END
         WHERE employee_id = $1 AND id = $2 RETURNING id`,
        [employeeId, id, change.text ?? null, change.dueAt !== undefined, change.dueAt ?? null, change.done ?? null],
      );
      return rows.length ? get(employeeId, id) : undefined;
    },

    async countOpen(employeeId: string): Promise<number> {
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM todos WHERE employee_id = $1 AND done_at IS NULL', [employeeId]);
      return rows[0]!.n;
    },
  };
}
export type TodoStore = ReturnType<typeof createTodoStore>;

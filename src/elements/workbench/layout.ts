import * as z from 'zod/mini';

/** The built-in tiles, after WeCom's workbench templates (key data, list, image, webview) and the inbox. */
export const TILE_TYPES = [
  'keydata',
  'inbox',
  'todos',
  'orders',
  'team',
  'quickreplies',
  'settings',
  'list',
  'image',
  'webview',
] as const;
export type TileType = (typeof TILE_TYPES)[number];

/** How much of the grid's width a tile takes: one column, two, or the whole row. */
export const TILE_SPANS = ['1', '2', 'full'] as const;

/** What a webview tile's iframe may do; `allow-same-origin` is never offered, so a page cannot reach the portal. */
export const WEBVIEW_PERMISSIONS = ['allow-scripts', 'allow-forms', 'allow-popups', 'allow-downloads'] as const;

const title = z.optional(z.string().check(z.maxLength(80)));
const span = z.optional(z.enum(TILE_SPANS));
const url = z.string().check(z.minLength(1), z.maxLength(2048));

export const tileSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('keydata'), title, span }),
  z.object({ type: z.literal('inbox'), title, span }),
  z.object({ type: z.literal('todos'), title, span }),
  z.object({ type: z.literal('orders'), title, span }),
  z.object({ type: z.literal('team'), title, span }),
  z.object({ type: z.literal('quickreplies'), title, span }),
  /** Admins: the company's settings (others see that it is for admins). */
  z.object({ type: z.literal('settings'), title, span }),
  z.object({
    type: z.literal('list'),
    title,
    span,
    items: z
      .array(
        z.object({
          label: z.string().check(z.minLength(1), z.maxLength(200)),
          href: z.optional(url),
          description: z.optional(z.string().check(z.maxLength(500))),
        }),
      )
      .check(z.maxLength(50)),
  }),
  z.object({
    type: z.literal('image'),
    title,
    span,
    src: url,
    alt: z.string().check(z.maxLength(300)),
    href: z.optional(url),
  }),
  z.object({
    type: z.literal('webview'),
    title: z.string().check(z.minLength(1), z.maxLength(80)),
    span,
    src: url,
    height: z.optional(z.int().check(z.minimum(100), z.maximum(2000))),
    sandbox: z.optional(z.array(z.enum(WEBVIEW_PERMISSIONS))),
  }),
]);
export type Tile = z.infer<typeof tileSchema>;
export const layoutSchema = z.array(tileSchema).check(z.maxLength(40));

/** What a workbench shows when the page gives it no layout and no tiles of its own. */
export const DEFAULT_LAYOUT: readonly Tile[] = [
  { type: 'keydata', span: 'full' },
  { type: 'inbox', span: 'full' },
  { type: 'todos' },
  { type: 'orders' },
  { type: 'team' },
  { type: 'quickreplies' },
];

/** The tiles a `layout` value asks for: the default for none; for one that is not valid, the default and why not. */
export function readLayout(layout: unknown): { tiles: readonly Tile[]; problem?: string } {
  if (layout === undefined || layout === null) return { tiles: DEFAULT_LAYOUT };
  const parsed = layoutSchema.safeParse(layout);
  if (parsed.success) return { tiles: parsed.data };
  const issue = parsed.error.issues[0];
  return { tiles: DEFAULT_LAYOUT, problem: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}` };
}

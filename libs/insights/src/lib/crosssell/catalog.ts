import type { ProductView } from '@throughline/domain';
import { z } from 'zod';

/** A catalog product: the shape the API serves (`upgradeOf` is the SKU it upgrades, Basic → Pro). */
export type Product = ProductView;

export interface OrderLine {
  orderId: string;
  customerEmail: string;
  sku: string;
  quantity: number;
  orderedAt: Date;
}

const SKU = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const skuSchema = z.string().trim().regex(SKU, 'SKU must be 1–64 letters, digits, dots, dashes or underscores');
const emptyToNull = (value: unknown) => (value === '' || value === undefined ? null : value);
// CSV cells are text: "12.5" becomes 12.5, but "" stays an error rather than Number("") = 0.
const numberFromText = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value);

/** A product as it arrives from a CSV row or an API body; tags as an array or "a; b" text. */
export const productInputSchema = z
  .object({
    sku: skuSchema,
    name: z.string().trim().min(1, 'name is required').max(200),
    description: z.string().trim().max(5000).default(''),
    tags: z
      .union([z.array(z.string()), z.string()])
      .default([])
      .transform((tags) => (typeof tags === 'string' ? tags.split(/[;|]/) : tags).map((tag) => tag.trim().toLowerCase()).filter(Boolean)),
    price: z.preprocess(numberFromText, z.number({ message: 'price must be a number' }).nonnegative('price must not be negative')),
    upgradeOf: z.preprocess(emptyToNull, skuSchema.nullable()).default(null),
  })
  .refine((product) => product.upgradeOf !== product.sku, {
    message: 'a product cannot upgrade itself',
    path: ['upgradeOf'],
  });

export const orderLineInputSchema = z.object({
  orderId: z.string().trim().min(1, 'order id is required').max(100),
  customerEmail: z.email('customer email is not an email address').transform((email) => email.toLowerCase()),
  sku: skuSchema,
  quantity: z.preprocess(
    numberFromText,
    z.number({ message: 'quantity must be a number' }).int('quantity must be a whole number').positive('quantity must be at least 1'),
  ),
  orderedAt: z
    .union([z.iso.datetime({ offset: true }), z.iso.date()], {
      message: 'ordered at must be an ISO 8601 date or date-time',
    })
    .transform((text) => new Date(text)),
});

export interface RowError {
  /** 1-based: the CSV line the row starts on, or the row's position in an API array. */
  line: number;
  reason: string;
}

export interface Validated<T> {
  rows: T[];
  errors: RowError[];
}

/**
 * Validates rows one by one: good rows are kept, each bad row gives one error naming what is wrong.
 * `rowCheck` adds rules across rows (e.g. a SKU given twice); it sees only rows that passed the schema.
 */
export function validateRows<T>(
  schema: z.ZodType<T, unknown>,
  records: ReadonlyArray<{ line: number; record: unknown }>,
  rowCheck: (row: T) => string | undefined = () => undefined,
): Validated<T> {
  const rows: T[] = [];
  const errors: RowError[] = [];
  for (const { line, record } of records) {
    const parsed = schema.safeParse(record);
    const reason = parsed.success ? rowCheck(parsed.data) : parsed.error.issues.map((issue) => issue.message).join('; ');
    if (reason === undefined && parsed.success) rows.push(parsed.data);
    else errors.push({ line, reason: reason ?? 'invalid row' });
  }
  return { rows, errors };
}

/** A row check that rejects a SKU seen in an earlier row of the same import. */
export function uniqueSkus(): (product: Product) => string | undefined {
  const seen = new Set<string>();
  return (product) => {
    if (seen.has(product.sku)) return `duplicate SKU "${product.sku}"`;
    seen.add(product.sku);
    return undefined;
  };
}

const numbered = (records: readonly unknown[]) => records.map((record, index) => ({ line: index + 1, record }));

/** Products from an API body; errors carry each row's 1-based position as `line`. */
export function validateProducts(records: readonly unknown[]): Validated<Product> {
  return validateRows(productInputSchema, numbered(records), uniqueSkus());
}

/** Order lines from an API body; errors carry each row's 1-based position as `line`. */
export function validateOrderLines(records: readonly unknown[], rowCheck?: (line: OrderLine) => string | undefined): Validated<OrderLine> {
  return validateRows(orderLineInputSchema, numbered(records), rowCheck);
}

/** What an earlier import recorded about an order. */
export interface KnownOrder {
  customerEmail: string;
  orderedAt: Date;
}

/**
 * A row check for order lines: every line of one order names the same customer and date, as earlier
 * rows and earlier imports (`known`) did, and an order lists each SKU once.
 */
export function consistentOrders(known: ReadonlyMap<string, KnownOrder> = new Map()): (line: OrderLine) => string | undefined {
  const seen = new Map(known);
  const skus = new Set<string>();
  return (line) => {
    const order = seen.get(line.orderId);
    if (order && order.customerEmail !== line.customerEmail) return `order "${line.orderId}" belongs to ${order.customerEmail}, not ${line.customerEmail}`;
    if (order && order.orderedAt.getTime() !== line.orderedAt.getTime())
      return `order "${line.orderId}" was placed at ${order.orderedAt.toISOString()}, not ${line.orderedAt.toISOString()}`;
    const key = `${line.orderId}\n${line.sku}`;
    if (skus.has(key)) return `order "${line.orderId}" lists SKU "${line.sku}" twice`;
    skus.add(key);
    seen.set(line.orderId, line);
    return undefined;
  };
}

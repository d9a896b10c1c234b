import { parse } from 'csv-parse/sync';
import { OrderLine, orderLineInputSchema, Product, productInputSchema, RowError, uniqueSkus, Validated, validateRows } from './catalog';

export const PRODUCT_CSV_COLUMNS = ['sku', 'name', 'description', 'tags', 'price', 'upgrade_of'] as const;
export const ORDER_CSV_COLUMNS = ['order_id', 'customer_email', 'sku', 'quantity', 'ordered_at'] as const;

/**
 * Products from CSV with a header row `sku,name,description,tags,price,upgrade_of` (tags separated
 * by ";" or "|", upgrade_of empty or a SKU). Every bad row is reported by line; good rows are kept.
 */
export function parseProductsCsv(text: string): Validated<Product> {
  const { rows, errors } = readCsv(text, PRODUCT_CSV_COLUMNS);
  return withCsvErrors(validateRows(productInputSchema, rows, uniqueSkus()), errors);
}

/**
 * Order lines from CSV with a header row `order_id,customer_email,sku,quantity,ordered_at` (ISO 8601
 * dates); `rowCheck` adds rules across rows, e.g. `consistentOrders(...)`.
 */
export function parseOrdersCsv(text: string, rowCheck?: (line: OrderLine) => string | undefined): Validated<OrderLine> {
  const { rows, errors } = readCsv(text, ORDER_CSV_COLUMNS);
  return withCsvErrors(validateRows(orderLineInputSchema, rows, rowCheck), errors);
}

interface CsvRecords {
  rows: Array<{ line: number; record: Record<string, string> }>;
  /** Rows csv-parse could not read (wrong column count, unclosed quote), or the header if it is wrong. */
  errors: RowError[];
}

const camelCase = (column: string) => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

function readCsv(text: string, columns: readonly string[]): CsvRecords {
  const errors: CsvRecords['errors'] = [];
  let header: string[] = [];
  const parsed: Array<{
    record: Record<string, string>;
    info: { lines: number };
    raw: string;
  }> = parse(text, {
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: false,
    skip_records_with_error: true,
    info: true,
    raw: true,
    columns: (names: string[]) => {
      header = names.map((name) => name.trim().toLowerCase());
      return header.map(camelCase);
    },
    on_skip: (error) => {
      // csv-parse puts the line number on the error object, untyped.
      if (error) errors.push({ line: Number(error['lines']), reason: error.message });
      return undefined;
    },
  });
  const missing = columns.filter((column) => !header.includes(column));
  const unknown = header.filter((column) => !columns.includes(column));
  if (missing.length || unknown.length) {
    // Without the right header no row can be read.
    const problems = [missing.length ? `missing ${missing.join(', ')}` : '', unknown.length ? `unknown ${unknown.join(', ')}` : ''].filter(Boolean);
    return {
      rows: [],
      errors: [
        {
          line: 1,
          reason: `header must be ${columns.join(',')}: ${problems.join('; ')}`,
        },
      ],
    };
  }
  return {
    // info.lines is the line a record ends on; a quoted field may span lines, so count back to its start.
    rows: parsed.map(({ record, info, raw }) => ({
      line: info.lines - (raw.trimEnd().match(/\n/g)?.length ?? 0),
      record,
    })),
    errors,
  };
}

function withCsvErrors<T>(validated: Validated<T>, csvErrors: readonly RowError[]): Validated<T> {
  return {
    rows: validated.rows,
    errors: [...csvErrors, ...validated.errors].sort((a, b) => a.line - b.line),
  };
}

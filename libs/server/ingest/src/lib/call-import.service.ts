import { BadRequestException, Injectable } from '@nestjs/common';
import { parseAsteriskCdrCsv } from '@throughline/channels/phone';
import { ConnectorsService } from '@throughline/server/connectors';
import { CDR_CONTENT_TYPE, callLogAdapter } from './phone-adapters';
import { RawEventsService } from './raw-events.service';

/** Largest CDR file accepted in one upload (a busy PBX writes about 200 bytes per call). */
export const CALL_IMPORT_MAX_BYTES = 20 * 1024 * 1024;

export interface CallImportResult {
  /** Rows stored as new calls. */
  imported: number;
  /** Rows whose call was imported before (re-importing a file adds nothing). */
  duplicates: number;
  /** Rows that are no call, by 1-based line number of the file. */
  errors: Array<{ line: number; reason: string }>;
}

/**
 * Asterisk `Master.csv` import into a `calllog` connector. Each valid row is stored as its own raw
 * event (keyed on the call's uniqueid, or a hash of the row) and goes through ingest like a
 * webhook, so calls join customers and conversations the same way and a second import is a no-op.
 */
@Injectable()
export class CallImportService {
  constructor(
    private readonly connectors: ConnectorsService,
    private readonly rawEvents: RawEventsService,
  ) {}

  async importCdr(connectorId: string, csv: string): Promise<CallImportResult> {
    const connector = await this.connectors.get(connectorId);
    if (connector.provider !== 'calllog')
      throw new BadRequestException(`connector ${connectorId} is a ${connector.provider} connector; CDR files go to a calllog connector`);
    const parse = (text: string) => parseAsteriskCdrCsv(text, { connectorId, timeZone: connector.config['cdrTimeZone'] as string | undefined });
    const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
    const firstRow = lines.findIndex((line) => line.trim());
    // An exported file may start with a header row naming its columns (it parses to nothing): every row is read with it.
    const firstParsed = firstRow >= 0 ? parse(lines[firstRow]) : null;
    const header = firstParsed && !firstParsed.calls.length && !firstParsed.errors.length ? lines[firstRow] : null;
    const result: CallImportResult = { imported: 0, duplicates: 0, errors: [] };
    const ctx = { connector, receivedAt: new Date(), contentType: CDR_CONTENT_TYPE };
    for (const [index, line] of lines.entries()) {
      if (!line.trim() || (header !== null && index === firstRow)) continue;
      const row = header === null ? line : `${header}\n${line}`;
      const payload = Buffer.from(row, 'utf8');
      let externalId: string;
      try {
        const { errors } = parse(row);
        if (errors.length) {
          result.errors.push(...errors.map((e) => ({ line: index + 1, reason: e.reason })));
          continue;
        }
        externalId = callLogAdapter.rawEventId?.(payload, ctx) ?? '';
      } catch (err) {
        result.errors.push({ line: index + 1, reason: (err as Error).message });
        continue;
      }
      const accepted = await this.rawEvents.accept(connector, { externalId, contentType: CDR_CONTENT_TYPE, payload });
      if (accepted.duplicate) result.duplicates++;
      else result.imported++;
    }
    return result;
  }
}

import { TestBed } from '@angular/core/testing';
import { type ImportKind, InsightsAdminApi } from '@throughline/console/data-access';
import { PendingCalls } from '@throughline/console/data-access/testing';
import type { ImportResultView, ProductView } from '@throughline/domain';
import { ImportPageComponent } from './import-page.component';

const KETTLE: ProductView = { sku: 'KET-1', name: 'Travel Kettle', description: 'Small', tags: ['kitchen', 'travel'], price: 29.9, upgradeOf: null };

async function setup() {
  const importCsv = new PendingCalls<[ImportKind, string], ImportResultView>();
  const products = new PendingCalls<[string], ProductView[]>();
  TestBed.configureTestingModule({ providers: [{ provide: InsightsAdminApi, useValue: { importCsv: importCsv.fn, products: products.fn } }] });
  const fixture = TestBed.createComponent(ImportPageComponent);
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  const render = () => fixture.whenStable();
  const submit = () => el.querySelector('form')?.dispatchEvent(new Event('submit'));
  return { el, importCsv, products, render, submit };
}

describe('ImportPageComponent', () => {
  it('should import pasted CSV as the chosen kind and list the bad lines', async () => {
    const { el, importCsv, products, render, submit } = await setup();
    await products.respond([KETTLE]);
    await render();
    expect(el.querySelector('table[aria-label="Products"]')?.textContent).toContain('29.90');

    el.querySelector<HTMLInputElement>('input[value="orders"]')?.click();
    const textarea = el.querySelector('textarea') as HTMLTextAreaElement;
    textarea.value = 'order_id,customer_email,sku,quantity,ordered_at\nA-1,ana@example.com,KET-1,x,2026-01-01\n';
    textarea.dispatchEvent(new Event('input'));
    await render();
    expect(el.textContent).toContain('order_id,customer_email,sku,quantity,ordered_at');
    submit();
    await render();
    expect(importCsv.last.args).toEqual(['orders', textarea.value]);
    await importCsv.respond({ imported: 0, skipped: 0, errors: [{ line: 2, reason: 'quantity: a whole number of at least 1' }] });
    await render();
    expect(el.querySelector('[role="status"]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('0 imported, 0 unchanged, 1 line with errors');
    const rows = [...el.querySelectorAll('table[aria-label="Lines with errors"] tbody tr')].map((r) =>
      [...r.querySelectorAll('td')].map((td) => td.textContent),
    );
    expect(rows).toEqual([['2', 'quantity: a whole number of at least 1']]);
    // Orders do not change the catalog: no reload of the products.
    expect(products.calls).toHaveLength(1);
  });

  it('should ask for a file or text before sending anything, and show a refused import', async () => {
    const { el, importCsv, products, render, submit } = await setup();
    await products.fail(500);
    await render();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('Throughline had a problem answering');
    submit();
    await render();
    expect(importCsv.calls).toHaveLength(0);
    expect(el.querySelector('form [role="alert"]')?.textContent).toBe('Choose a CSV file or paste its text first.');

    const textarea = el.querySelector('textarea') as HTMLTextAreaElement;
    textarea.value = 'nonsense';
    textarea.dispatchEvent(new Event('input'));
    submit();
    await render();
    await importCsv.fail(400, undefined, { statusCode: 400, error: 'Bad Request', message: 'the header must be sku,name,description,tags,price,upgrade_of' });
    await render();
    expect(el.querySelector('form [role="alert"]')?.textContent).toBe('the header must be sku,name,description,tags,price,upgrade_of');
  });
});

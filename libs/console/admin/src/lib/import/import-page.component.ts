import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { describeHttpError, type ImportKind, InsightsAdminApi } from '@throughline/console/data-access';
import type { ImportResultView, ProductView } from '@throughline/domain';
import { debounceTime, firstValueFrom, Subject } from 'rxjs';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';

const SEARCH_DEBOUNCE_MS = 250;

export const CSV_COLUMNS: Record<ImportKind, string> = {
  products: 'sku,name,description,tags,price,upgrade_of',
  orders: 'order_id,customer_email,sku,quantity,ordered_at',
};

/**
 * Catalog and order imports from CSV (a file or pasted text); bad rows come back by line while the
 * rest is imported. Below, the catalog as the cross-sell sees it, searchable.
 */
@Component({
  selector: 'tl-import-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule],
  templateUrl: './import-page.component.html',
  styleUrls: ['../admin-screen.css', './import-page.component.css'],
})
export class ImportPageComponent {
  private readonly api = inject(InsightsAdminApi);

  protected readonly columns = CSV_COLUMNS;
  protected readonly kind = signal<ImportKind>('products');
  protected readonly csv = signal('');
  protected readonly fileName = signal<string | null>(null);
  protected readonly importing = signal(false);
  protected readonly result = signal<ImportResultView | null>(null);
  protected readonly importError = signal<string | null>(null);

  protected readonly query = signal('');
  protected readonly products = signal<ProductView[] | null>(null);
  protected readonly productsError = signal<string | null>(null);
  private readonly searches = new Subject<string>();

  constructor() {
    this.searches.pipe(debounceTime(SEARCH_DEBOUNCE_MS), takeUntilDestroyed()).subscribe(() => void this.loadProducts());
    void this.loadProducts();
  }

  /** Reads the chosen file into the text box, so what is sent can be seen and corrected. */
  async chooseFile(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    if (!file) return;
    this.fileName.set(file.name);
    this.csv.set(await file.text());
  }

  async runImport(): Promise<void> {
    if (!this.csv().trim()) {
      this.importError.set('Choose a CSV file or paste its text first.');
      return;
    }
    this.importing.set(true);
    this.importError.set(null);
    this.result.set(null);
    try {
      this.result.set(await firstValueFrom(this.api.importCsv(this.kind(), this.csv())));
      if (this.kind() === 'products') void this.loadProducts();
    } catch (error) {
      this.importError.set(describeHttpError(error, 'The import failed.'));
    } finally {
      this.importing.set(false);
    }
  }

  search(q: string): void {
    this.query.set(q);
    this.searches.next(q);
  }

  async loadProducts(): Promise<void> {
    this.productsError.set(null);
    try {
      this.products.set(await firstValueFrom(this.api.products(this.query())));
    } catch (error) {
      this.productsError.set(describeHttpError(error, 'The catalog could not be loaded.'));
    }
  }
}

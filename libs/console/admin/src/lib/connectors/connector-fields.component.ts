import { ChangeDetectionStrategy, Component, input, model } from '@angular/core';
import type { ConnectorFieldView, ConnectorProviderView } from '@throughline/domain';
import { fieldKey, type FieldValues } from './connector-form';

/** A provider's settings as form fields, generated from the server's description; the server's message beside each field. */
@Component({
  selector: 'tl-connector-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './connector-fields.component.html',
  styleUrls: ['../admin-screen.css', './connector-form.css'],
})
export class ConnectorFieldsComponent {
  readonly spec = input.required<ConnectorProviderView>();
  readonly values = model.required<FieldValues>();
  /** By field key (`config.host`, `secrets.password`). */
  readonly errors = input<Record<string, string>>({});
  /** Editing an existing connector: secrets are set already, and an empty secret field keeps the stored one. */
  readonly editing = input(false);

  protected readonly keyOf = fieldKey;

  protected idOf(field: ConnectorFieldView): string {
    return `connector-field-${fieldKey(field).replace(/\./g, '-')}`;
  }

  protected required(field: ConnectorFieldView): boolean {
    return field.required && !(field.secret && this.editing()) && !field.group;
  }

  protected placeholderOf(field: ConnectorFieldView): string {
    if (field.secret) return this.editing() ? 'Set: leave empty to keep it' : '';
    return field.default === null ? '' : `Default: ${String(field.default)}`;
  }

  protected set(field: ConnectorFieldView, value: string | boolean): void {
    this.values.update((values) => ({ ...values, [fieldKey(field)]: value }));
  }
}

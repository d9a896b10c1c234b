import { TestBed } from '@angular/core/testing';
import { AuthStore, InsightsAdminApi } from '@throughline/console/data-access';
import { PendingCalls } from '@throughline/console/data-access/testing';
import type { EmpathyPhraseView, Role } from '@throughline/domain';
import { signal } from '@angular/core';
import { PhrasesPageComponent } from './phrases-page.component';

const REPEAT: EmpathyPhraseView = {
  id: 'acknowledge-repeat-contact',
  kind: 'phrase',
  text: 'This is your {contactOrdinal} message about this, and I am sorry you had to write again.',
  tone: 'apologise',
  triggers: [{ history: 'repeat-contact' }],
  deescalates: true,
  enabled: true,
};

async function setup(role: Role) {
  const phrases = new PendingCalls<[], EmpathyPhraseView[]>();
  const updatePhrase = new PendingCalls<[string, Partial<EmpathyPhraseView>], EmpathyPhraseView>();
  const createPhrase = new PendingCalls<[EmpathyPhraseView], EmpathyPhraseView>();
  TestBed.configureTestingModule({
    providers: [
      { provide: InsightsAdminApi, useValue: { phrases: phrases.fn, updatePhrase: updatePhrase.fn, createPhrase: createPhrase.fn } },
      { provide: AuthStore, useValue: { user: signal({ id: 'u1', email: 'x@example.com', name: 'X', role }) } },
    ],
  });
  const fixture = TestBed.createComponent(PhrasesPageComponent);
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  const render = () => fixture.whenStable();
  const button = (name: string) => [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === name) as HTMLButtonElement;
  const type = (selector: string, value: string) => {
    const input = el.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  return { el, phrases, updatePhrase, createPhrase, render, button, type };
}

describe('PhrasesPageComponent', () => {
  it('should let supervisors read the library without editing it', async () => {
    const { el, phrases, render } = await setup('supervisor');
    expect(el.querySelector('[aria-label="Loading phrases"]')).not.toBeNull();
    await phrases.respond([REPEAT]);
    await render();
    const row = el.querySelector('table[aria-label="Phrases"] tbody tr');
    expect(row?.textContent).toContain('{contactOrdinal}');
    expect(row?.textContent).toContain('history: repeat-contact');
    expect(el.textContent).toContain('Read only: admins edit the library.');
    expect(el.querySelector('button')).toBeNull();
  });

  it('should save an edit and show the API’s refusal beside the form, naming the trigger', async () => {
    const { el, phrases, updatePhrase, render, button, type } = await setup('admin');
    await phrases.respond([REPEAT]);
    await render();
    button('Edit').click();
    await render();
    expect(el.querySelector('form')?.getAttribute('aria-labelledby')).toBe('phrase-form-title');
    expect(el.querySelector<HTMLInputElement>('input[name="triggers"]')?.value).toBe('history: repeat-contact');

    type('input[name="triggers"]', 'history: repeat-contact, rage');
    button('Save').click();
    await render();
    expect(updatePhrase.last.args[0]).toBe('acknowledge-repeat-contact');
    expect(updatePhrase.last.args[1].triggers).toEqual([{ history: 'repeat-contact' }, { emotion: 'rage' }]);
    await updatePhrase.fail(400, undefined, { statusCode: 400, error: 'Bad Request', message: 'triggers.1: unknown emotion "rage"; known: anger' });
    await render();
    expect(el.querySelector('form [role="alert"]')?.textContent).toBe('triggers.1: unknown emotion "rage"; known: anger');

    type('input[name="triggers"]', 'annoyance >= 0.3');
    type('textarea[name="text"]', 'Sorry to keep you waiting.');
    button('Save').click();
    await render();
    expect(updatePhrase.last.args[1]).toMatchObject({ text: 'Sorry to keep you waiting.', triggers: [{ emotion: 'annoyance', minScore: 0.3 }] });
    await updatePhrase.respond({ ...REPEAT, text: 'Sorry to keep you waiting.', triggers: [{ emotion: 'annoyance', minScore: 0.3 }] });
    await render();
    expect(el.querySelector('form')).toBeNull();
    expect(el.querySelector('[role="status"]')?.textContent).toContain('Saved “acknowledge-repeat-contact”');
    expect(el.querySelector('table tbody tr')?.textContent).toContain('annoyance ≥ 0.3');
  });

  it('should not send triggers it cannot read', async () => {
    const { el, phrases, createPhrase, render, button, type } = await setup('admin');
    await phrases.respond([]);
    await render();
    expect(el.textContent).toContain('The library is empty');
    button('New phrase').click();
    await render();
    type('input[name="id"]', 'thank-patience');
    type('textarea[name="text"]', 'Thank you for your patience.');
    type('input[name="triggers"]', 'very angry!');
    button('Save').click();
    await render();
    expect(createPhrase.calls).toHaveLength(0);
    expect(el.querySelector('form [role="alert"]')?.textContent).toContain('“very angry!” is not a trigger');
  });
});

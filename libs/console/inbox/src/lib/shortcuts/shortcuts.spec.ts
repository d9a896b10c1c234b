import { SHORTCUTS, shortcutOf } from './shortcuts';

function press(key: string, target: HTMLElement | null = document.body, modifiers: Partial<Record<'ctrlKey' | 'altKey' | 'metaKey', boolean>> = {}) {
  return shortcutOf({ key, ctrlKey: false, altKey: false, metaKey: false, target, ...modifiers });
}

function element(html: string): HTMLElement {
  const host = document.createElement('div');
  host.innerHTML = html;
  return host.firstElementChild as HTMLElement;
}

describe('shortcutOf', () => {
  it.each([
    ['j', 'next'],
    ['k', 'previous'],
    ['Enter', 'open'],
    ['r', 'reply'],
    ['n', 'note'],
    ['e', 'resolve'],
    ['a', 'assign-to-me'],
    ['/', 'search'],
    ['?', 'help'],
    ['Escape', 'close'],
  ])('should map %s to %s', (key, action) => {
    expect(press(key)).toBe(action);
  });

  it('should ignore keys that are no shortcut, and capitals', () => {
    expect(press('x')).toBeNull();
    expect(press('J')).toBeNull();
    expect(press('j', null)).toBe('next');
  });

  it.each(['<input type="text">', '<textarea></textarea>', '<select></select>', '<div contenteditable="true"></div>'])(
    'should not take typing in %s as a shortcut, except Escape',
    (html) => {
      const field = element(html);
      // jsdom does not derive isContentEditable from the attribute.
      if (field.hasAttribute('contenteditable')) Object.defineProperty(field, 'isContentEditable', { value: true });
      expect(press('j', field)).toBeNull();
      expect(press('/', field)).toBeNull();
      expect(press('?', field)).toBeNull();
      expect(press('Escape', field)).toBe('close');
    },
  );

  it('should leave Enter to a focused button or link', () => {
    expect(press('Enter', element('<button>Go</button>'))).toBeNull();
    expect(press('Enter', element('<a href="/x">x</a>'))).toBeNull();
    expect(press('j', element('<button>Go</button>'))).toBe('next');
  });

  it.each(['ctrlKey', 'altKey', 'metaKey'] as const)('should leave keys held with %s to the browser', (modifier) => {
    expect(press('r', document.body, { [modifier]: true })).toBeNull();
    expect(press('Enter', document.body, { [modifier]: true })).toBeNull();
  });

  it('should list every shortcut it knows in the help', () => {
    const listed = SHORTCUTS.flatMap((s) => s.keys);
    for (const key of ['j', 'k', 'Enter', 'r', 'n', 'e', 'a', '/', '?']) expect(listed).toContain(key);
    expect(listed).toContain('Esc');
  });
});

/** Every keyboard shortcut of the console, as the help dialog lists them. */
export const SHORTCUTS: ReadonlyArray<{ keys: string[]; does: string }> = [
  { keys: ['j'], does: 'Next conversation in the list' },
  { keys: ['k'], does: 'Previous conversation in the list' },
  { keys: ['Enter'], does: 'Open the selected conversation' },
  { keys: ['r'], does: 'Reply' },
  { keys: ['n'], does: 'Write an internal note' },
  { keys: ['e'], does: 'Resolve (or reopen) the open conversation' },
  { keys: ['a'], does: 'Assign the open conversation to me' },
  { keys: ['/'], does: 'Search' },
  { keys: ['Ctrl', 'Enter'], does: 'Send what you wrote' },
  { keys: ['Esc'], does: 'Leave the text box or close this list' },
  { keys: ['?'], does: 'Show this list' },
];

export type ShortcutAction = 'next' | 'previous' | 'open' | 'reply' | 'note' | 'resolve' | 'assign-to-me' | 'search' | 'help' | 'close';

const KEY_ACTIONS: Record<string, ShortcutAction> = {
  j: 'next',
  k: 'previous',
  Enter: 'open',
  r: 'reply',
  n: 'note',
  e: 'resolve',
  a: 'assign-to-me',
  '/': 'search',
  '?': 'help',
  Escape: 'close',
};

/**
 * The action of a key press, or null. Typing in a field is never a shortcut (except Escape), nor
 * is any key held with Ctrl, Alt or Meta, which belong to the browser.
 */
export function shortcutOf(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey' | 'target'>): ShortcutAction | null {
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  const target = event.target as HTMLElement | null;
  const typing = !!target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
  if (typing && event.key !== 'Escape') return null;
  if (event.key === 'Enter' && target && ['BUTTON', 'A'].includes(target.tagName)) return null;
  return KEY_ACTIONS[event.key] ?? null;
}

/** Scoped to the widget's shadow root; colours chosen for WCAG AA contrast on white. */
export const STYLES = `
:host { all: initial; }
* { box-sizing: border-box; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
[hidden] { display: none !important; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
button { font: inherit; cursor: pointer; }
button:focus-visible, input:focus-visible, textarea:focus-visible { outline: 3px solid #93c5fd; outline-offset: 2px; }
.launcher {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; width: 56px; height: 56px; border-radius: 50%;
  border: none; background: #1d4ed8; color: #fff; box-shadow: 0 6px 20px rgba(15, 23, 42, .25);
  display: grid; place-items: center;
}
.launcher svg { width: 26px; height: 26px; }
.badge {
  position: absolute; top: -4px; right: -4px; min-width: 20px; height: 20px; padding: 0 6px; border-radius: 10px;
  background: #b91c1c; color: #fff; font-size: 12px; line-height: 20px; text-align: center;
}
.panel {
  position: fixed; right: 20px; bottom: 88px; z-index: 2147483000; width: min(360px, calc(100vw - 40px));
  height: min(520px, calc(100vh - 120px)); display: flex; flex-direction: column; background: #fff; color: #0f172a;
  border: 1px solid #e2e8f0; border-radius: 14px; box-shadow: 0 12px 40px rgba(15, 23, 42, .18); overflow: hidden;
}
header { display: flex; align-items: center; justify-content: space-between; padding: 12px 16px; background: #1d4ed8; color: #fff; }
h2 { margin: 0; font-size: 16px; font-weight: 600; }
.close { background: none; border: none; color: #fff; font-size: 24px; line-height: 1; padding: 0 4px; }
.status { margin: 0; padding: 6px 16px; font-size: 13px; background: #fef3c7; color: #78350f; }
.status:empty { display: none; }
.intro { padding: 16px; display: grid; gap: 10px; font-size: 14px; color: #334155; }
.intro p { margin: 0; }
.intro label { display: grid; gap: 4px; font-weight: 500; }
.intro input { font: inherit; padding: 8px 10px; border: 1px solid #cbd5e1; border-radius: 8px; }
.row { display: flex; gap: 8px; }
.intro button[type=submit], .composer button { background: #1d4ed8; color: #fff; border: none; border-radius: 8px; padding: 8px 14px; font-weight: 600; }
.skip { background: none; border: 1px solid #cbd5e1; border-radius: 8px; padding: 8px 14px; color: #334155; }
.log { list-style: none; margin: 0; padding: 12px 16px; flex: 1; overflow-y: auto; display: flex; flex-direction: column; gap: 10px; }
.msg { max-width: 85%; display: grid; gap: 2px; }
.msg p { margin: 0; padding: 8px 12px; border-radius: 12px; font-size: 14px; line-height: 1.4; white-space: pre-wrap; overflow-wrap: anywhere; }
.msg .who { font-size: 12px; color: #475569; }
.msg small { font-size: 11px; color: #475569; }
.msg small.error { color: #b91c1c; }
.msg.visitor { align-self: flex-end; text-align: right; }
.msg.visitor p { background: #1d4ed8; color: #fff; border-bottom-right-radius: 4px; text-align: left; }
.msg.agent p { background: #f1f5f9; color: #0f172a; border-bottom-left-radius: 4px; }
.rating { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 4px; }
.rating button { min-width: 36px; min-height: 36px; border: 1px solid #94a3b8; border-radius: 8px; background: #fff; color: #0f172a; font-weight: 600; cursor: pointer; }
.rating button[aria-pressed='true'] { background: #1d4ed8; border-color: #1d4ed8; color: #fff; }
.rating small { flex-basis: 100%; }
.typing { margin: 0; padding: 0 16px 6px; font-size: 12px; color: #475569; font-style: italic; }
.composer { display: flex; gap: 8px; padding: 10px 12px; border-top: 1px solid #e2e8f0; align-items: flex-end; }
.composer textarea { flex: 1; resize: none; font: inherit; font-size: 14px; padding: 8px 10px; border: 1px solid #cbd5e1; border-radius: 8px; }
@media (prefers-reduced-motion: no-preference) { .panel { animation: rise .16s ease-out; } }
@keyframes rise { from { opacity: 0; transform: translateY(8px); } to { opacity: 1; transform: none; } }
`;

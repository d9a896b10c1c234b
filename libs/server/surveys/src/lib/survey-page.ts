import { SURVEY_LIMITS, type SurveyKind, type SurveySettingsView } from '@throughline/domain';

/** Everything put into the page goes through this: questions are admin text, comments customer text. */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const STYLE = `
  *{box-sizing:border-box}
  body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2933;background:#f4f6f8}
  main{max-width:36rem;margin:0 auto;padding:1.25rem}
  h1{font-size:1.35rem;margin:.5rem 0 1rem}
  fieldset{border:0;margin:0 0 1.25rem;padding:1rem;background:#fff;border-radius:.75rem;box-shadow:0 1px 2px rgba(0,0,0,.08)}
  legend{font-weight:600;padding:0;margin-bottom:.5rem;float:left;width:100%}
  .scale{display:grid;grid-template-columns:repeat(auto-fit,minmax(2.4rem,1fr));gap:.35rem;clear:both}
  .scale label{min-height:2.75rem;display:flex;align-items:center;justify-content:center;border:1px solid #9aa5b1;border-radius:.5rem;cursor:pointer;font-weight:600;position:relative}
  .scale input{position:absolute;opacity:0;inset:0;margin:0;cursor:pointer}
  .scale label:has(input:checked){background:#2563eb;border-color:#2563eb;color:#fff}
  .scale label:has(input:focus-visible){outline:3px solid #93c5fd}
  .ends{display:flex;justify-content:space-between;font-size:.85rem;color:#52606d;margin-top:.35rem}
  textarea{width:100%;min-height:6rem;font:inherit;padding:.6rem;border:1px solid #9aa5b1;border-radius:.5rem;clear:both;display:block}
  button{width:100%;font:inherit;font-weight:600;padding:.8rem;border:0;border-radius:.5rem;background:#2563eb;color:#fff;cursor:pointer}
  p.note{color:#52606d;font-size:.9rem}
  a{color:#2563eb}`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

function scale(name: SurveyKind, legend: string, ends: [string, string], current: number | null, required: boolean): string {
  const { min, max } = SURVEY_LIMITS.scales[name];
  const options = Array.from({ length: max - min + 1 }, (_, i) => min + i)
    .map(
      (value) =>
        `<label>${value}<input type="radio" name="${name}" value="${value}"${current === value ? ' checked' : ''}${required && value === min ? ' required' : ''} aria-label="${value} of ${max}"></label>`,
    )
    .join('');
  return `<fieldset><legend>${escapeHtml(legend)}</legend><div class="scale">${options}</div><div class="ends"><span>${escapeHtml(ends[0])}</span><span>${escapeHtml(ends[1])}</span></div></fieldset>`;
}

export interface SurveyPageInput {
  token: string;
  kinds: readonly SurveyKind[];
  settings: SurveySettingsView;
  answers: { csat: number | null; ces: number | null; nps: number | null; comment: string | null; answeredAt: Date | null };
  closesAt: Date;
}

const day = (at: Date) => at.toISOString().slice(0, 10);

/** The survey as a plain HTML form posting back to `/api/surveys/:token`: no script, no login. */
export function renderSurveyPage({ token, kinds, settings, answers, closesAt }: SurveyPageInput): string {
  const parts: string[] = [];
  if (kinds.includes('csat')) parts.push(scale('csat', settings.csat.question, ['1 · not at all', '5 · very'], answers.csat, true));
  if (kinds.includes('ces')) parts.push(scale('ces', settings.ces.question, ['1 · very hard', '7 · very easy'], answers.ces, false));
  if (kinds.includes('nps')) parts.push(scale('nps', settings.nps.question, ['0 · not at all likely', '10 · extremely likely'], answers.nps, false));
  parts.push(
    `<fieldset><legend><label for="comment">Anything you would like to tell us? (optional)</label></legend><textarea id="comment" name="comment" maxlength="${SURVEY_LIMITS.maxCommentLength}">${escapeHtml(answers.comment ?? '')}</textarea></fieldset>`,
  );
  const note = answers.answeredAt
    ? `You answered on ${day(answers.answeredAt)}; you can change your answers until ${day(closesAt)}.`
    : `You can change your answers until ${day(closesAt)}.`;
  return layout(
    'How did we do?',
    `<h1>How did we do?</h1><form method="post" action="/api/surveys/${encodeURIComponent(token)}">${parts.join('')}<button type="submit">Send</button></form><p class="note">${escapeHtml(note)}</p>`,
  );
}

export function renderThanksPage(token: string, closesAt: Date): string {
  return layout(
    'Thank you',
    `<h1>Thank you!</h1><p>Your answers help us do better.</p><p class="note">Changed your mind? <a href="/s/${encodeURIComponent(token)}">Change your answers</a> until ${day(closesAt)}.</p>`,
  );
}

/** Unknown link, closed survey, or an answer the form should not have allowed. */
export function renderProblemPage(message: string): string {
  return layout('Survey', `<h1>Sorry</h1><p>${escapeHtml(message)}</p>`);
}

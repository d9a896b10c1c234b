/**
 * The policy of the email frame's own document, on top of the console's (which an `about:srcdoc`
 * document inherits): nothing runs, connects, submits or embeds; styles may be inline (emails
 * are laid out with them; the server's sanitiser already dropped every declaration that fetches);
 * images only from the blob/data URLs of the email's own attachments, and from the web only once
 * the agent has asked for remote images.
 */
export function emailFramePolicy(loadRemote: boolean): string {
  const images = loadRemote ? 'blob: data: https:' : 'blob: data:';
  return `default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src ${images}; font-src data:; form-action 'none'; base-uri 'none'`;
}

/** The whole document shown in the frame; links open outside the console, the page itself never navigates. */
export function emailFrameDocument(html: string, loadRemote: boolean): string {
  return (
    `<!doctype html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${emailFramePolicy(loadRemote)}">` +
    `<base target="_blank"><style>body{font:14px system-ui,sans-serif;margin:8px;color:#0f172a}img{max-width:100%;height:auto}</style>${html}`
  );
}

import { withImapClient } from './imap-client';
import { ImapAccount } from './mailbox-settings';

/** The folder marked \Sent (SPECIAL-USE, or a well-known name such as "Sent Items"), else "Sent". */
export function findSentFolder(account: ImapAccount): Promise<string> {
  return withImapClient(account, async (client) => {
    const folders = await client.list();
    return folders.find((folder) => folder.specialUse === '\\Sent')?.path ?? 'Sent';
  });
}

/** Saves a copy of a sent message, creating the folder when the server says it is missing (TRYCREATE). */
export function appendMessage(account: ImapAccount, folder: string, raw: Buffer | string, flags: string[] = ['\\Seen']): Promise<void> {
  return withImapClient(account, async (client) => {
    const append = async () => {
      if (!(await client.append(folder, raw, flags))) throw new Error(`the server did not save the message in "${folder}"`);
    };
    try {
      await append();
    } catch (error) {
      if ((error as { serverResponseCode?: string }).serverResponseCode !== 'TRYCREATE') throw error;
      await client.mailboxCreate(folder);
      await append();
    }
  });
}

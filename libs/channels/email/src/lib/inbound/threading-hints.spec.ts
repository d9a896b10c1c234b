import { normalizeMessageId, parseMessageIdList } from './message-id';
import { normalizeSubject, stripSubjectPrefixes } from './subject';

describe('message ids', () => {
  it('should strip brackets and whitespace and keep case', () => {
    expect(normalizeMessageId(' <Abc.1234@Local.Machine> ')).toBe('Abc.1234@Local.Machine');
    expect(normalizeMessageId('abc@x')).toBe('abc@x');
  });

  it('should read id lists in every shape mailparser and real clients produce', () => {
    expect(parseMessageIdList(undefined)).toEqual([]);
    expect(parseMessageIdList('<a@x>')).toEqual(['a@x']);
    expect(parseMessageIdList(['<a@x>', '<b@x>', '<a@x>'])).toEqual(['a@x', 'b@x']);
    expect(parseMessageIdList('<a@x>,<b@x>\r\n\t<c@x>')).toEqual(['a@x', 'b@x', 'c@x']);
    expect(parseMessageIdList('<a@x> (message from Ana of "Mon, 4 Mar") <b@x>')).toEqual(['a@x', 'b@x']);
    expect(parseMessageIdList('<CAEjn\r\n yt3@mail.gmail.com>')).toEqual(['CAEjnyt3@mail.gmail.com']);
    expect(parseMessageIdList('a@x b@x')).toEqual(['a@x', 'b@x']);
  });
});

describe('subjects', () => {
  it.each([
    ['Re: Printer on fire', 'printer on fire'],
    ['RE: Re: FW: Fwd: AW: WG: Sv: Antw: Printer   on  fire', 'printer on fire'],
    ['Réf. : TR: Printer on fire', 'printer on fire'],
    ['Re[3]: Re(2): Printer on fire', 'printer on fire'],
    ['Re: [users@httpd] About ServerLimit', 'about serverlimit'],
    ['[users@httpd] Re: [#4F2K] About ServerLimit', 'about serverlimit'],
    ['Re: [ #4f2k ] Printer on fire', 'printer on fire'],
    ['回复：打印机着火了', '打印机着火了'],
    ['Printer on fire (fwd)', 'printer on fire'],
    ['Reply needed: invoice 42', 'reply needed: invoice 42'],
    ['Re:', ''],
  ])('should normalise %j to %j', (subject, expected) => {
    expect(normalizeSubject(subject)).toBe(expected);
  });

  it('should strip only reply prefixes and our token when building a reply subject', () => {
    expect(stripSubjectPrefixes('Re: AW: [#4F2K] [users@httpd] About  ServerLimit')).toBe('[users@httpd] About ServerLimit');
  });
});

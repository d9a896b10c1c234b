import { forbiddenAddressReason, isAllowListed, outboundRefusal, type OutboundPolicy } from './outbound-address';

describe('forbiddenAddressReason', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.254', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fd00::1', 'uniqueLocal'],
    ['fd12:3456::9', 'uniqueLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['::ffff:10.1.2.3', 'private'],
    ['64:ff9b::a9fe:a9fe', 'rfc6052'],
    ['2002:7f00:1::', '6to4'],
    ['2001::1', 'teredo'],
  ])('should refuse %s (%s)', (address, reason) => {
    expect(forbiddenAddressReason(address)).toBe(reason);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '100.128.0.1', '169.255.0.1', '2606:4700::1111', '::ffff:93.184.215.14'])(
    'should let public %s through',
    (address) => {
      expect(forbiddenAddressReason(address)).toBeNull();
    },
  );

  it('should refuse what is not an address at all', () => {
    expect(forbiddenAddressReason('localhost')).toBe('not an IP address');
  });
});

describe('outboundRefusal', () => {
  const guarded: OutboundPolicy = { guard: true, allow: { hosts: ['mail.corp.internal'], cidrs: ['10.1.0.0/16', 'fd12::/16'] } };

  it('should let everything through when the guard is off', () => {
    expect(outboundRefusal({ ...guarded, guard: false }, 'localhost', '127.0.0.1')).toBeNull();
  });

  it('should name the host, the address and the range when refusing', () => {
    expect(outboundRefusal(guarded, 'metadata.google.internal', '169.254.169.254')).toBe(
      'metadata.google.internal resolves to 169.254.169.254 (linkLocal), which connector settings may not reach; add it to OUTBOUND_ALLOW_HOSTS if it is yours',
    );
  });

  it('should let allow-listed host names and ranges through, and nothing next to them', () => {
    expect(outboundRefusal(guarded, 'MAIL.corp.internal.', '10.9.9.9')).toBeNull();
    expect(outboundRefusal(guarded, 'other.corp.internal', '10.1.200.3')).toBeNull();
    expect(outboundRefusal(guarded, 'other.corp.internal', '::ffff:10.1.0.7')).toBeNull();
    expect(outboundRefusal(guarded, 'v6.corp.internal', 'fd12::5')).toBeNull();
    expect(outboundRefusal(guarded, 'other.corp.internal', '10.2.0.1')).toMatch(/\(private\)/);
    expect(outboundRefusal(guarded, 'v6.corp.internal', 'fd13::5')).toMatch(/\(uniqueLocal\)/);
    expect(isAllowListed(guarded, 'example.org', '93.184.215.14')).toBe(false);
  });
});

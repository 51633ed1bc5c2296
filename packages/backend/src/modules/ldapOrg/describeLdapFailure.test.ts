import { ForwardedError } from '@backstage/errors';
import { describeLdapFailure, redactUrl } from './describeLdapFailure';

// Errors shaped as the LDAP module and ldapts raise them (seen against a
// real slapd in orgSync.ldap.test.ts).
const ldapError = (name: string, code: number) =>
  Object.assign(new Error(` Code: 0x${code.toString(16)}`), { name, code });

describe('describeLdapFailure', () => {
  it('names a refused connection, not a failed bind', () => {
    const refused = Object.assign(
      new Error('connect ECONNREFUSED 127.0.0.1:389'),
      { code: 'ECONNREFUSED' },
    );
    const error = new ForwardedError(
      'LDAP bind failed for cn=reader,dc=example',
      refused,
    );
    expect(describeLdapFailure(error)).toBe(
      'cannot reach the directory: nothing accepts connections there (ECONNREFUSED)',
    );
  });

  it('names wrong bind credentials and the variables to check', () => {
    const error = new ForwardedError(
      'LDAP bind failed for cn=reader,dc=example',
      ldapError('InvalidCredentialsError', 49),
    );
    expect(describeLdapFailure(error, { bindDn: 'cn=reader,dc=example' })).toBe(
      'the directory refused the bind credentials of cn=reader,dc=example (invalid credentials, LDAP result 49): check LDAP_BIND_DN and LDAP_BIND_SECRET',
    );
  });

  it('names a base DN that does not exist', () => {
    const error = new ForwardedError(
      'LDAP search at DN "ou=nobody,dc=example" failed',
      ldapError('NoSuchObjectError', 32),
    );
    expect(describeLdapFailure(error)).toContain(
      'a base DN does not exist in the directory (ou=nobody,dc=example)',
    );
  });

  it('keeps other causes on one line, with what the provider was doing', () => {
    const error = new ForwardedError(
      'LDAP search at DN "ou=people" failed',
      new Error('something\nodd'),
    );
    expect(describeLdapFailure(error)).toBe(
      'Error: something odd (LDAP search at DN "ou=people" failed)',
    );
  });
});

describe('redactUrl', () => {
  it('drops user information from the directory URL', () => {
    expect(redactUrl('ldaps://reader:secret@ldap.example.com:636')).toBe(
      'ldaps://ldap.example.com:636',
    );
    expect(redactUrl('ldap://127.0.0.1:389')).toBe('ldap://127.0.0.1:389');
  });
});

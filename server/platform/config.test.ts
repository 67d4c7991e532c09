import { describe, expect, it } from 'vitest';
import { localUrl, readConfig } from './config';

describe('configuration', () => {
  it('links emails to the address the server prints when PUBLIC_URL is not set (its HOST and PORT)', () => {
    expect(readConfig({}).publicUrl).toBe('http://127.0.0.1:3000');
    expect(readConfig({ PORT: '8080' }).publicUrl).toBe('http://127.0.0.1:8080');
    expect(readConfig({ HOST: '0.0.0.0', PORT: '8080' }).publicUrl).toBe('http://127.0.0.1:8080');
    expect(readConfig({ HOST: '::' }).publicUrl).toBe('http://[::1]:3000');
    expect(readConfig({ HOST: 'nmirf.internal' }).publicUrl).toBe('http://nmirf.internal:3000');
    expect(localUrl('::1', 3000)).toBe('http://[::1]:3000');
    expect(readConfig({ PUBLIC_URL: 'https://nmirf.example.org/', PORT: '8080' }).publicUrl).toBe('https://nmirf.example.org');
    // The From address needs a domain, not an IP literal.
    expect(readConfig({}).mailFrom).toBe('Open NMIRF <no-reply@localhost>');
    expect(readConfig({ PUBLIC_URL: 'https://nmirf.example.org' }).mailFrom).toBe('Open NMIRF <no-reply@nmirf.example.org>');
  });

  it('is a national instance unless INSTANCE_ROLE says hub, and refuses any other role', () => {
    expect(readConfig({}).instanceRole).toBe('national');
    expect(readConfig({ INSTANCE_ROLE: 'hub' }).instanceRole).toBe('hub');
    expect(readConfig({ INSTANCE_ROLE: ' National ' }).instanceRole).toBe('national');
    expect(() => readConfig({ INSTANCE_ROLE: 'network' })).toThrow('INSTANCE_ROLE must be national or hub, got "network"');
  });

  it('schedules backups only with BACKUP_DIR, and says what is wrong with the settings', () => {
    expect(readConfig({}).backup).toBeNull();
    expect(readConfig({ BACKUP_DIR: '/srv/nmirf-backups' }).backup).toEqual({ dir: '/srv/nmirf-backups', everyHours: 24, keep: 7 });
    expect(readConfig({ BACKUP_DIR: '/srv/b', BACKUP_EVERY_HOURS: '6', BACKUP_KEEP: '28' }).backup).toEqual({ dir: '/srv/b', everyHours: 6, keep: 28 });
    expect(() => readConfig({ BACKUP_EVERY_HOURS: '6' })).toThrow('BACKUP_EVERY_HOURS needs BACKUP_DIR, the directory scheduled backups are written to');
    expect(() => readConfig({ BACKUP_DIR: '/srv/b', BACKUP_EVERY_HOURS: 'daily' })).toThrow('BACKUP_EVERY_HOURS must be a positive whole number, got "daily"');
    expect(() => readConfig({ BACKUP_DIR: '/srv/b', BACKUP_KEEP: '0' })).toThrow('BACKUP_KEEP must be a positive whole number, got "0"');
    expect(() => readConfig({ BACKUP_DIR: '/srv/b', BACKUP_EVERY_HOURS: '10000' })).toThrow('BACKUP_EVERY_HOURS must be at most 8784');
    expect(() => readConfig({ BACKUP_DIR: '/srv/data/uploads/backups', UPLOAD_DIR: '/srv/data/uploads' })).toThrow('BACKUP_DIR must not be UPLOAD_DIR or inside it');
    expect(readConfig({ BACKUP_DIR: '/srv/data/backups', UPLOAD_DIR: '/srv/data/uploads' }).backup?.dir).toBe('/srv/data/backups');
  });

  it('reads single sign-on and refuses settings that would not work', () => {
    expect(readConfig({}).oidc).toBeNull();
    expect(readConfig({}).passwordSignIn).toBe('everyone');
    const sso = { OIDC_ISSUER: 'https://id.example.gov', OIDC_CLIENT_ID: 'nmirf', OIDC_CLIENT_SECRET: 's3cret' };
    expect(readConfig({ ...sso, OIDC_BUTTON_LABEL: 'Identidad Digital', PASSWORD_SIGN_IN: 'off' })).toMatchObject({
      oidc: { issuer: 'https://id.example.gov', clientId: 'nmirf', clientSecret: 's3cret', buttonLabel: 'Identidad Digital' },
      passwordSignIn: 'organisations',
    });
    expect(readConfig({ ...sso, OIDC_ISSUER: 'http://127.0.0.1:9000' }).oidc?.issuer).toBe('http://127.0.0.1:9000');
    expect(() => readConfig({ ...sso, OIDC_ISSUER: 'http://id.example.gov' })).toThrow(/OIDC_ISSUER must be an https:\/\/ URL/);
    expect(() => readConfig({ ...sso, OIDC_ISSUER: 'not a url' })).toThrow(/OIDC_ISSUER must be the URL/);
    expect(() => readConfig({ OIDC_ISSUER: 'https://id.example.gov' })).toThrow(/OIDC_CLIENT_ID and OIDC_CLIENT_SECRET/);
    expect(() => readConfig({ PASSWORD_SIGN_IN: 'off' })).toThrow(/PASSWORD_SIGN_IN=off needs single sign-on/);
    expect(() => readConfig({ ...sso, PASSWORD_SIGN_IN: 'maybe' })).toThrow(/PASSWORD_SIGN_IN must be on or off/);
  });
});

/**
 * Outgoing mail through an outbox table.
 *
 * A use case decides to send a mail by writing it to `mail_outbox` inside its
 * own transaction (`queueMail`), so the mail exists exactly when the change
 * that caused it was committed. Delivery happens afterwards, outside any
 * request: `startMailDelivery` sends what is waiting every few seconds, and at
 * once when this process queues something (`notifyMailQueued`, called after
 * commit).
 *
 * The outbox keeps the text a use case wrote. Delivery dresses it with the
 * instance's look as it is at sending time: its name as the sender's name and
 * heading, and an HTML alternative (the same words, links clickable) headed by
 * the name and, when the logo is a raster image, the logo as an inline part
 * (`cid:`) so that it shows without loading anything from the web. An SVG logo
 * is left out: many mail clients refuse SVG, and some would show it as an
 * attachment; the name alone heads those emails.
 *
 * Without SMTP settings nothing is sent: mail stays in the outbox, where an
 * administrator can read it (GET /api/v1/admin/outbox).
 *
 * Each row is claimed with `for update skip locked` in its own short
 * transaction, so two processes never send one row twice. The transaction
 * stays open while that one message is handed to the SMTP server (a few
 * milliseconds on a local relay; bounded by the timeouts below). A crash after
 * the SMTP server accepted the message but before the commit sends it again
 * on the next run: delivery is at least once.
 */
import nodemailer from 'nodemailer';
import type pg from 'pg';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { isLocale, localeDirection, type Locale } from '../../../shared/i18n/languages';

export interface OutgoingMail {
  to: string;
  /** The language the mail is written in: its HTML says it, and its direction (right to left in Arabic). */
  locale: Locale;
  subject: string;
  text: string;
  /** Mail with a key already in the outbox is not queued again ("send once"). */
  dedupeKey?: string;
}

/** Queues a mail in the caller's transaction. False when its dedupe key was already queued. */
export async function queueMail(tx: Pick<pg.PoolClient, 'query'>, mail: OutgoingMail): Promise<boolean> {
  const { rowCount } = await tx.query(
    `insert into mail_outbox (to_address, locale, subject, body_text, dedupe_key) values ($1, $2, $3, $4, $5)
     on conflict (dedupe_key) do nothing`,
    [mail.to, mail.locale, mail.subject, mail.text, mail.dedupeKey ?? null],
  );
  return rowCount === 1;
}

/** The logo in a message: a part of it, shown where the HTML says `cid:` and this id. */
export const LOGO_CID = 'logo@instance';
/** The tallest the logo is drawn in a message, in CSS pixels. */
const LOGO_HEIGHT = 48;
/** Logos mail clients show inline; SVG is not one of them. */
const MAIL_LOGO_TYPES: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

interface Logo { digest: string; mediaType: string; data: Buffer; width: number | null; height: number | null }

interface InstanceLook {
  /** The instance's name (its settings, in their default language); null until an administrator saves them. */
  name: string | null;
  /** MAIL_FROM with the instance's name in place of its own (when delivery knows the address). */
  from: string | null;
  logo: Logo | null;
}

/**
 * How mail looks now: the instance's name and its raster logo. Until an administrator saves the settings, mail goes as
 * MAIL_FROM says, without a heading. The logo's bytes are read again only when its digest changed (`kept`).
 */
async function instanceLook(client: pg.PoolClient, mailFrom: string | undefined, kept: Map<string, Logo>): Promise<InstanceLook> {
  const { rows } = await client.query<{ name: string | null; digest: string | null; media_type: string | null }>(
    `select (select coalesce(name ->> default_language, name ->> 'en') from instance_settings) as name,
       l.digest, l.media_type
     from (select 1) one left join instance_logo l on l.media_type = any($1::text[])`, [Object.keys(MAIL_LOGO_TYPES)]);
  const { name, digest } = rows[0];
  let logo: Logo | null = null;
  if (digest) {
    logo = kept.get(digest) ?? null;
    if (!logo) {
      const { rows: [stored] } = await client.query('select digest, media_type, data, width, height from instance_logo where digest = $1', [digest]);
      if (stored) {
        logo = { digest: stored.digest, mediaType: stored.media_type, data: stored.data, width: stored.width, height: stored.height };
        kept.clear();
        kept.set(digest, logo);
      }
    }
  }
  const address = mailFrom ? (/<([^>]+)>\s*$/.exec(mailFrom)?.[1] ?? mailFrom).trim() : null;
  // The name quoted (RFC 5322), so that commas or brackets in it stay in the name.
  return { name, from: name && address ? `"${name.replace(/["\\\r\n]/g, ' ')}" <${address}>` : null, logo };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Text with its web addresses as links, escaped for HTML. */
function linked(text: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(/https?:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g)) {
    html += escapeHtml(text.slice(last, match.index)) + `<a href="${escapeHtml(match[0])}">${escapeHtml(match[0])}</a>`;
    last = match.index + match[0].length;
  }
  return html + escapeHtml(text.slice(last));
}

/**
 * The HTML alternative of a message: the same words as its text (paragraphs at blank lines, links clickable), headed
 * by the instance's logo and name. The logo is decorative (empty `alt`): the name stands next to it as text. It says
 * its language and direction, on its outer <div> too (web mail keeps only what is inside <body>), when the mail was
 * queued with them (a mail queued before they were kept says neither).
 */
export function mailHtml(subject: string, text: string, look: Pick<InstanceLook, 'name' | 'logo'>, locale?: string | null): string {
  const { logo } = look;
  let image = '';
  if (logo) {
    const height = Math.min(LOGO_HEIGHT, logo.height ?? LOGO_HEIGHT);
    const width = logo.width && logo.height ? Math.round((logo.width * height) / logo.height) : null;
    image = `<img src="cid:${LOGO_CID}" alt="" height="${height}"${width ? ` width="${width}"` : ''} style="display:block;margin:0 0 8px;border:0">`;
  }
  const heading = look.name ? `<p style="margin:0;font-size:18px;font-weight:bold">${escapeHtml(look.name)}</p>` : '';
  const header = image || heading ? `<div style="padding:0 0 12px;margin:0 0 16px;border-bottom:1px solid #d0d4da">${image}${heading}</div>` : '';
  const paragraphs = text.split(/\n{2,}/).map((paragraph) => paragraph.trim()).filter(Boolean)
    .map((paragraph) => `<p style="margin:0 0 12px">${paragraph.split('\n').map(linked).join('<br>')}</p>`).join('\n');
  const language = isLocale(locale) ? ` lang="${locale}" dir="${localeDirection(locale)}"` : '';
  return `<!DOCTYPE html>\n<html${language}><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`
    + `<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1d2330;background:#ffffff">`
    + `<div${language} style="max-width:640px">${header}${paragraphs}</div></body></html>\n`;
}

/** A file carried by a message; `cid` makes it an inline part the HTML shows. */
export interface MailAttachment { filename: string; content: Buffer; contentType: string; cid?: string; contentDisposition?: 'inline' | 'attachment' }

/** What delivery needs of a nodemailer transport (a fake in tests is fine). */
export interface MailTransport {
  sendMail(message: {
    to: string; subject: string; text: string; html?: string; attachments?: MailAttachment[]; from?: string; headers?: Record<string, string>;
  }): Promise<unknown>;
  close?(): void;
}

export const MAX_ATTEMPTS = 10;
/** Retry n waits 30 s × (2ⁿ − 1) after the mail was queued: 30 s, 1.5 min, 3.5 min, … about 8.5 h in all. */
const RETRY_BASE_SECONDS = 30;
const BATCH = 50;

/** An SMTP transport from the configuration, with the From set; null without SMTP_HOST. */
export function createSmtpTransport(config: Pick<Config, 'smtp' | 'mailFrom'>): MailTransport | null {
  if (!config.smtp) return null;
  const { host, port, secure, user, password } = config.smtp;
  return nodemailer.createTransport({
    host, port, secure,
    auth: user ? { user, pass: password ?? '' } : undefined,
    // Credentials never travel in clear: without TLS from the start, STARTTLS is required.
    requireTLS: Boolean(user) && !secure,
    // Bounded: a row stays locked while its message is being handed over.
    connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000,
  }, { from: config.mailFrom });
}

/**
 * Sends the mail that is waiting (oldest first, up to one batch), each row in
 * its own transaction. Returns how many were sent and how many failed.
 */
export async function deliverPending(db: Pick<Database, 'pool'>, transport: MailTransport, mailFrom?: string): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  const logos = new Map<string, Logo>();
  for (let i = 0; i < BATCH; i += 1) {
    const client = await db.pool.connect();
    try {
      await client.query('begin');
      const { rows } = await client.query<{ id: number; to_address: string; locale: string | null; subject: string; body_text: string }>(
        `select id, to_address, locale, subject, body_text from mail_outbox
         where sent_at is null and attempts < $1
           and created_at + make_interval(secs => $2 * (power(2, attempts) - 1)) <= now()
         order by id limit 1 for update skip locked`,
        [MAX_ATTEMPTS, RETRY_BASE_SECONDS],
      );
      const row = rows[0];
      if (!row) {
        await client.query('commit');
        break;
      }
      try {
        const look = await instanceLook(client, mailFrom, logos);
        const { logo } = look;
        await transport.sendMail({
          to: row.to_address, subject: row.subject, text: `${look.name ? `${look.name}\n\n` : ''}${row.body_text}`,
          html: mailHtml(row.subject, row.body_text, look, row.locale),
          ...(logo ? { attachments: [{
            filename: `logo.${MAIL_LOGO_TYPES[logo.mediaType]}`, content: logo.data, contentType: logo.mediaType, cid: LOGO_CID, contentDisposition: 'inline' as const,
          }] } : {}),
          ...(look.from ? { from: look.from } : {}),
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
        await client.query('update mail_outbox set sent_at = now(), attempts = attempts + 1, last_error = null where id = $1', [row.id]);
        sent += 1;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        await client.query('update mail_outbox set attempts = attempts + 1, last_error = $2 where id = $1', [row.id, reason.slice(0, 1000)]);
        failed += 1;
      }
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
  return { sent, failed };
}

const runningLoops = new Set<() => void>();

/** Tells this process's delivery loops that mail was just committed to the outbox. */
export function notifyMailQueued(): void {
  for (const nudge of runningLoops) nudge();
}

export interface MailDelivery {
  /** False without SMTP settings: mail stays in the outbox. */
  readonly enabled: boolean;
  /** Deliver now rather than at the next tick. */
  nudge(): void;
  /** Stops the loop; waits for the delivery in progress, including mail nudged before the stop. */
  stop(): Promise<void>;
}

export function startMailDelivery(
  db: Pick<Database, 'pool'>,
  config: Pick<Config, 'smtp' | 'mailFrom' | 'mailPollSeconds'>,
  options: { transport?: MailTransport; onError?: (error: unknown) => void } = {},
): MailDelivery {
  const transport = options.transport ?? createSmtpTransport(config);
  if (!transport) return { enabled: false, nudge: () => undefined, stop: async () => undefined };

  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const nudge = () => {
    if (stopped) return;
    if (running) {
      again = true; // mail queued during a run is picked up by one more run
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await deliverPending(db, transport, config.mailFrom);
        } catch (error) {
          options.onError?.(error);
        }
      } while (again); // after stop() too: what was nudged before it is still sent
    })().finally(() => { running = null; });
  };
  const timer = setInterval(nudge, config.mailPollSeconds * 1000);
  timer.unref();
  runningLoops.add(nudge);
  nudge(); // whatever waited while the process was down

  return {
    enabled: true,
    nudge,
    async stop() {
      stopped = true;
      clearInterval(timer);
      runningLoops.delete(nudge);
      await running;
      transport.close?.();
    },
  };
}

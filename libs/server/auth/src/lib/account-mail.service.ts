import { Inject, Injectable, Logger } from '@nestjs/common';
import { type SmtpSettings, sendEmail } from '@throughline/channels/email';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';

/** The outbound SMTP server of SMTP_OUTBOUND_URL (smtp:// with STARTTLS when offered, smtps:// with TLS). */
export function smtpSettingsFromUrl(smtpUrl: string): SmtpSettings {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname,
    port: Number(url.port || (secure ? 465 : 587)),
    secure,
    user: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
  };
}

/**
 * Invites and reset links by email, when SMTP_OUTBOUND_URL and MAIL_FROM are set. Without them
 * (or when sending fails) the admin still gets the link to pass on, so mail is never required.
 */
@Injectable()
export class AccountMailService {
  private readonly logger = new Logger(AccountMailService.name);
  private readonly smtp: SmtpSettings | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.smtp = config.smtpOutboundUrl && config.mailFrom ? smtpSettingsFromUrl(config.smtpOutboundUrl) : null;
  }

  /** True when the message was handed to the SMTP server. */
  async send(to: string, subject: string, text: string): Promise<boolean> {
    if (!this.smtp) return false;
    try {
      await sendEmail(this.smtp, { from: this.config.mailFrom, to, subject, text });
      return true;
    } catch (err) {
      this.logger.warn(`account email to ${to} not sent: ${(err as Error).message}`);
      return false;
    }
  }
}

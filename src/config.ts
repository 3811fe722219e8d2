/**
 * Configuration from the environment, validated once at start-up; a bad value stops the server
 * with a message naming the variable.
 */
import { z } from 'zod';

const optionalText = z.string().trim().min(1).optional();

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().min(1).default('0.0.0.0'),
  CONTENT_DIR: z.string().min(1).default('content'),
  DATA_DIR: z.string().min(1).default('data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  MicrosoftAppTenantId: optionalText,
  DIRECTLINE_SECRET: optionalText,
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Config: ${problems.join('; ')}`);
  }
  const config = result.data;
  if (config.MicrosoftAppId && !config.MicrosoftAppPassword && config.MicrosoftAppType !== 'UserAssignedMSI') {
    throw new ConfigError('Config: MicrosoftAppPassword is required when MicrosoftAppId is set');
  }
  if (config.MicrosoftAppType === 'SingleTenant' && !config.MicrosoftAppTenantId) {
    throw new ConfigError('Config: MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant');
  }
  return config;
}

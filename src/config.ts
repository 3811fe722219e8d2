/**
 * Configuration from the environment, validated once at start-up; a bad value stops the server
 * with a message naming the variable.
 */
import { z } from 'zod';
import { storageConfigProblem, storageConfigShape } from './storage/openStorage';

const optionalText = z.string().trim().min(1).optional();

const configSchema = z.object({
  ...storageConfigShape,
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
  /** Signs staff session cookies; several instances behind one address need the same value. Default: a random secret kept in DATA_DIR. */
  STAFF_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Staff accounts (scrypt hashes), written by `npm run staff:add`. Default: DATA_DIR/staff-accounts.json. */
  STAFF_ACCOUNTS_FILE: optionalText,
  /** "tenant-guid=municipality-id,…": Teams users of these Entra tenants get that municipality. */
  TEAMS_TENANT_MUNICIPALITIES: z
    .string()
    .default('')
    .transform((value, ctx) => {
      const map = new Map<string, string>();
      for (const pair of value.split(',').map((p) => p.trim()).filter(Boolean)) {
        const match = /^([0-9a-f-]{36})=([a-z0-9-]+)$/i.exec(pair);
        if (!match) {
          ctx.addIssue({ code: 'custom', message: `"${pair}" is not tenant-guid=municipality-id` });
          continue;
        }
        map.set(match[1]!.toLowerCase(), match[2]!);
      }
      return map;
    }),
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
  const storageProblem = storageConfigProblem(config);
  if (storageProblem) throw new ConfigError(`Config: ${storageProblem}`);
  if (config.STORAGE === 'azure-blob' && !config.STAFF_SESSION_SECRET) {
    // Instances sharing Azure storage each have their own DATA_DIR: a generated secret would differ per instance.
    throw new ConfigError('Config: STAFF_SESSION_SECRET is required when STORAGE is azure-blob (every instance must sign staff sessions alike)');
  }
  if (config.MicrosoftAppType === 'SingleTenant' && !config.MicrosoftAppTenantId) {
    throw new ConfigError('Config: MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant');
  }
  return config;
}

/** Checks the tenant map against the loaded municipalities. */
export function checkTenantMunicipalities(config: Config, municipalityIds: readonly string[]): void {
  for (const [tenant, id] of config.TEAMS_TENANT_MUNICIPALITIES) {
    if (!municipalityIds.includes(id)) throw new ConfigError(`Config: TEAMS_TENANT_MUNICIPALITIES: tenant ${tenant} maps to unknown municipality "${id}"`);
  }
}

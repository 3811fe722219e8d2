/**
 * Chooses the storage a deployment runs on, and the configuration that chooses it: SQLite in
 * DATA_DIR unless STORAGE says otherwise, so `npm start` needs nothing else.
 */
import { z } from 'zod';
import { describeIssues } from '../shared/zodIssues';
import { containerPrefixSchema, DEFAULT_CONTAINER_PREFIX, openAzureBlobBackend } from './azureBlobBackend';
import { openMemoryBackend } from './memoryBackend';
import { openSqliteBackend } from './sqliteBackend';
import type { StorageBackend } from './types';

export const STORAGE_KINDS = ['memory', 'sqlite', 'azure-blob'] as const satisfies readonly StorageBackend['kind'][];
export type StorageKind = (typeof STORAGE_KINDS)[number];

export const DEFAULT_RETENTION_DAYS = 21;

export interface OpenStorageOptions {
  kind: StorageKind;
  /** Where the SQLite file goes (sqlite only). */
  dataDir: string;
  /** Required for azure-blob. */
  azureConnectionString?: string;
  /** azure-blob container names start with this; default "personvern". */
  containerPrefix?: string;
}

export async function openStorage(options: OpenStorageOptions): Promise<StorageBackend> {
  switch (options.kind) {
    case 'memory':
      return openMemoryBackend();
    case 'sqlite':
      return openSqliteBackend(options.dataDir);
    case 'azure-blob':
      if (!options.azureConnectionString) throw new Error(`Storage: ${AZURE_REQUIRED}`);
      return openAzureBlobBackend({ connectionString: options.azureConnectionString, containerPrefix: options.containerPrefix ?? DEFAULT_CONTAINER_PREFIX });
  }
}

const AZURE_REQUIRED = 'AZURE_STORAGE_CONNECTION_STRING is required when STORAGE is azure-blob';

/**
 * The storage variables, as a zod object shape to spread into the config schema. The connection
 * string's value never appears in a message: it holds the account key.
 */
export const storageConfigShape = {
  STORAGE: z.enum(STORAGE_KINDS).default('sqlite'),
  AZURE_STORAGE_CONNECTION_STRING: z
    .string()
    .trim()
    .min(1)
    .refine((s) => /(^|;)\s*(UseDevelopmentStorage=true|AccountName=|BlobEndpoint=)/i.test(s), 'is not an Azure Storage connection string (AccountName=…;AccountKey=…;… or UseDevelopmentStorage=true)')
    .optional(),
  AZURE_STORAGE_CONTAINER_PREFIX: containerPrefixSchema.default(DEFAULT_CONTAINER_PREFIX),
  /** Transcripts whose last activity is older than this many days are purged. */
  RETENTION_DAYS: z.coerce.number().int().min(1).default(DEFAULT_RETENTION_DAYS),
};

const storageConfigSchema = z.object(storageConfigShape);
export type StorageConfig = z.infer<typeof storageConfigSchema>;

/** What a field-by-field schema cannot say: the problem, for a "Config: …" message, or undefined. */
export function storageConfigProblem(config: Pick<StorageConfig, 'STORAGE' | 'AZURE_STORAGE_CONNECTION_STRING'>): string | undefined {
  return config.STORAGE === 'azure-blob' && !config.AZURE_STORAGE_CONNECTION_STRING ? AZURE_REQUIRED : undefined;
}

/** Reads and checks the storage variables on their own (the server's config reads them with the rest). */
export function readStorageConfig(env: NodeJS.ProcessEnv): StorageConfig {
  const result = storageConfigSchema.safeParse(env);
  if (!result.success) throw new Error(`Config: ${describeIssues(result.error.issues, ': ')}`);
  const problem = storageConfigProblem(result.data);
  if (problem) throw new Error(`Config: ${problem}`);
  return result.data;
}

export function storageOptions(config: StorageConfig, dataDir: string): OpenStorageOptions {
  return {
    kind: config.STORAGE,
    dataDir,
    ...(config.AZURE_STORAGE_CONNECTION_STRING && { azureConnectionString: config.AZURE_STORAGE_CONNECTION_STRING }),
    containerPrefix: config.AZURE_STORAGE_CONTAINER_PREFIX,
  };
}

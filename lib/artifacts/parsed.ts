/**
 * What Docent keeps of each artifact: the few fields badges and doc cards need, already in
 * Docent's words. Plain JSON, so it is kept in IndexedDB between service-worker restarts (an
 * unchanged file is then neither downloaded nor parsed again). The raw shapes stop at the
 * collectors (./manifest.ts, ./run-results.ts, ./catalog-file.ts, ./sources-file.ts).
 */
import type { Exposure, FreshnessStatus, ResourceType, TestStatus } from '../catalog/types';

export interface ManifestNodeEntry {
  uniqueId: string;
  resourceType: ResourceType;
  name: string;
  database: string | null;
  schema: string | null;
  alias: string;
  /** Markdown, truncated; `null` when empty. */
  description: string | null;
  columns: { name: string; description: string | null }[];
  /** Direct parents; ephemeral models already replaced by their own parents. */
  parentIds: string[];
  /** Sources only: `source_name`, and whether a freshness check is configured. */
  sourceName?: string;
  freshnessConfigured?: boolean;
}

export interface ManifestTestEntry {
  uniqueId: string;
  name: string;
  /** The column a generic test checks; `null` for table-level tests. */
  columnName: string | null;
  /** The nodes the test belongs to: `attached_node`, else what it depends on. */
  attachedTo: string[];
}

export interface ParsedManifest {
  schemaVersion: number;
  projectId: string | null;
  generatedAt: string | null;
  nodes: ManifestNodeEntry[];
  tests: ManifestTestEntry[];
  exposures: Exposure[];
}

export interface NodeRunResult {
  /** dbt's word: success, error, skipped, pass, fail, warn, no-op, reused… */
  status: string;
  /** ISO; the execute step's end, else the last timing's. */
  completedAt: string | null;
  /** The error (or a test's failure message), truncated; `null` for a success. */
  message: string | null;
  /** Rows a test found failing or warning, when dbt reported them. */
  failures: number | null;
  /**
   * When this node last built successfully, as far as Docent has seen: this run's end for a
   * success, else carried over from an earlier run_results.json (./run-history.ts).
   */
  lastSuccessAt: string | null;
}

export interface ParsedRunResults {
  schemaVersion: number;
  generatedAt: string | null;
  invocationId: string | null;
  results: Record<string, NodeRunResult>;
}

export interface ParsedCatalog {
  schemaVersion: number;
  /** unique id → column name (lower case) → warehouse type. */
  columnTypes: Record<string, Record<string, { name: string; type: string | null; index: number }>>;
}

export interface SourceFreshnessResult {
  status: FreshnessStatus | null;
  maxLoadedAt: string | null;
  checkedAt: string | null;
}

export interface ParsedSources {
  schemaVersion: number;
  generatedAt: string | null;
  results: Record<string, SourceFreshnessResult>;
}

export interface ParsedArtifacts {
  manifest: ParsedManifest;
  runResults: ParsedRunResults | null;
  catalog: ParsedCatalog | null;
  sources: ParsedSources | null;
}

export type { TestStatus };

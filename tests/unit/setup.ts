// idb-keyval needs IndexedDB; fake-indexeddb gives vitest a real implementation of it.
import 'fake-indexeddb/auto';

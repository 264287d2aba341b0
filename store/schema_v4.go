package store

// schemaV4CellWork adds year-end reviews, the admission pipeline and the dues ledger.
// A step that has nothing to add yet stays a no-op: once released, its text
// never changes, and later additions go into a new step.
const schemaV4CellWork = `SELECT 1;`

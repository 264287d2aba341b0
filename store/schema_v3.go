package store

// schemaV3Sync adds bundle acknowledgements, gaps, forks, conflicts and key revocation.
// A step that has nothing to add yet stays a no-op: once released, its text
// never changes, and later additions go into a new step.
const schemaV3Sync = `SELECT 1;`

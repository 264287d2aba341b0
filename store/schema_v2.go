package store

// schemaV2Meetings adds meetings as the Party prescribes them (speakers, tasks, dues paid at meetings, scores, revisions).
// A step that has nothing to add yet stays a no-op: once released, its text
// never changes, and later additions go into a new step.
const schemaV2Meetings = `SELECT 1;`

package sync

import "context"

// verifyLog runs verify-log on a hub.
func verifyLog(hub *site) (LogReport, error) {
	return VerifyImportLog(context.Background(), hub.st)
}

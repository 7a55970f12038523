ALTER TABLE `drift_alerts` ADD `fingerprint` text;--> statement-breakpoint
ALTER TABLE `drift_alerts` ADD `last_detected_at` text;--> statement-breakpoint
ALTER TABLE `drift_alerts` ADD `detections` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `drift_alerts_fingerprint_idx` ON `drift_alerts` (`tenant_id`,`fingerprint`);
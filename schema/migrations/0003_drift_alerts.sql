CREATE TABLE `drift_alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`execution_id` text NOT NULL,
	`trace_id` text NOT NULL,
	`detail` text NOT NULL,
	`detected_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `drift_alerts_tenant_idx` ON `drift_alerts` (`tenant_id`,`detected_at`);
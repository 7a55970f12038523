CREATE TABLE `mcp_servers` (
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`url` text NOT NULL,
	`manifest` text NOT NULL,
	`manifest_digest` text NOT NULL,
	`version` text NOT NULL,
	`signing_key_id` text NOT NULL,
	`sealed_credential` text,
	`registered_at` text NOT NULL,
	`registered_by` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `name`)
);

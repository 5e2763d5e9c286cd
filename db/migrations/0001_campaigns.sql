CREATE TABLE "campaign" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"theme" text DEFAULT '' NOT NULL,
	"year" integer NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"office_id" uuid,
	"issuer" text DEFAULT '' NOT NULL,
	"source_text" text DEFAULT '' NOT NULL,
	"source_attachment_id" uuid,
	"sections" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by_id" uuid,
	"published_at" timestamp with time zone,
	"ended_by_id" uuid,
	"ended_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_year_ck" CHECK ("campaign"."year" between 2000 and 2100),
	CONSTRAINT "campaign_period_ck" CHECK ("campaign"."starts_on" is null or "campaign"."ends_on" is null or "campaign"."starts_on" <= "campaign"."ends_on"),
	CONSTRAINT "campaign_published_ck" CHECK (("campaign"."status" = 'draft') = ("campaign"."published_at" is null)),
	CONSTRAINT "campaign_ended_ck" CHECK (("campaign"."status" = 'ended') = ("campaign"."ended_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "campaign_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"name" text NOT NULL,
	"date" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_task" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"title" text NOT NULL,
	"instructions" text DEFAULT '' NOT NULL,
	"assignee_scope" text NOT NULL,
	"institution_types" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"office_id" uuid,
	"deadline" timestamp with time zone NOT NULL,
	"deliverable_kind" text NOT NULL,
	"count_of" text,
	"required_quantity" integer DEFAULT 1 NOT NULL,
	"review_required" boolean DEFAULT true NOT NULL,
	"recipient" text DEFAULT '' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_task_quantity_ck" CHECK ("campaign_task"."required_quantity" >= 1),
	CONSTRAINT "campaign_task_count_of_ck" CHECK (("campaign_task"."deliverable_kind" = 'count') = ("campaign_task"."count_of" is not null)),
	CONSTRAINT "campaign_task_office_ck" CHECK ("campaign_task"."assignee_scope" <> 'office' or "campaign_task"."office_id" is not null),
	CONSTRAINT "campaign_task_types_ck" CHECK ("campaign_task"."assignee_scope" <> 'each_institution_of_types' or jsonb_array_length("campaign_task"."institution_types") > 0)
);
--> statement-breakpoint
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_office_id_office_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."office"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_source_attachment_id_attachment_id_fk" FOREIGN KEY ("source_attachment_id") REFERENCES "public"."attachment"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_created_by_id_app_user_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."app_user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_published_by_id_app_user_id_fk" FOREIGN KEY ("published_by_id") REFERENCES "public"."app_user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_ended_by_id_app_user_id_fk" FOREIGN KEY ("ended_by_id") REFERENCES "public"."app_user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_event" ADD CONSTRAINT "campaign_event_campaign_id_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_task" ADD CONSTRAINT "campaign_task_campaign_id_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_task" ADD CONSTRAINT "campaign_task_office_id_office_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."office"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_status_idx" ON "campaign" USING btree ("status","year");--> statement-breakpoint
CREATE INDEX "campaign_event_campaign_idx" ON "campaign_event" USING btree ("campaign_id","date");--> statement-breakpoint
CREATE INDEX "campaign_task_campaign_idx" ON "campaign_task" USING btree ("campaign_id","sort_order");--> statement-breakpoint
CREATE INDEX "campaign_task_deadline_idx" ON "campaign_task" USING btree ("deadline");
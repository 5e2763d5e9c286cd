CREATE TABLE "drill" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"township_id" uuid NOT NULL,
	"scenario" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"is_night" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"planned_at" timestamp with time zone NOT NULL,
	"held_at" timestamp with time zone,
	"plan_id" uuid,
	"staff_count" integer,
	"resident_count" integer,
	"non_ambulatory_count" integer,
	"non_ambulatory_method" text DEFAULT '' NOT NULL,
	"evacuation_seconds" integer,
	"exits_used" text DEFAULT '' NOT NULL,
	"routes_used" text DEFAULT '' NOT NULL,
	"life_passage_blocked" boolean DEFAULT false NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_by_id" uuid NOT NULL,
	"recorded_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "drill_held_ck" CHECK (("drill"."status" = 'held') = ("drill"."held_at" is not null)),
	CONSTRAINT "drill_counts_ck" CHECK (coalesce("drill"."staff_count", 0) >= 0 and coalesce("drill"."resident_count", 0) >= 0 and coalesce("drill"."non_ambulatory_count", 0) >= 0),
	CONSTRAINT "drill_non_ambulatory_ck" CHECK ("drill"."non_ambulatory_count" is null or "drill"."resident_count" is null or "drill"."non_ambulatory_count" <= "drill"."resident_count"),
	CONSTRAINT "drill_evacuation_ck" CHECK ("drill"."evacuation_seconds" is null or "drill"."evacuation_seconds" between 1 and 86400)
);
--> statement-breakpoint
CREATE TABLE "drill_evaluation" (
	"drill_id" uuid PRIMARY KEY NOT NULL,
	"items" jsonb NOT NULL,
	"total_score" integer NOT NULL,
	"max_score" integer NOT NULL,
	"comments" text DEFAULT '' NOT NULL,
	"evaluator_name" text DEFAULT '' NOT NULL,
	"plan_needs_revision" boolean DEFAULT false NOT NULL,
	"evaluated_by_id" uuid NOT NULL,
	"evaluated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "drill_evaluation_score_ck" CHECK ("drill_evaluation"."total_score" between 0 and "drill_evaluation"."max_score")
);
--> statement-breakpoint
CREATE TABLE "drill_finding" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"drill_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"hazard_id" uuid,
	"action" text DEFAULT '' NOT NULL,
	"done_at" timestamp with time zone,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "drill_finding_hazard_ck" CHECK ("drill_finding"."kind" = 'hazard' or "drill_finding"."hazard_id" is null)
);
--> statement-breakpoint
CREATE TABLE "emergency_plan" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"township_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"current_version" integer DEFAULT 0 NOT NULL,
	"revision_requested" boolean DEFAULT false NOT NULL,
	"revision_reason" text DEFAULT '' NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emergency_plan_version" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"effective_on" date NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"submitted_by_id" uuid NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"reviewed_by_id" uuid,
	"reviewed_at" timestamp with time zone,
	"review_comment" text DEFAULT '' NOT NULL,
	CONSTRAINT "emergency_plan_version_uq" UNIQUE("plan_id","version"),
	CONSTRAINT "emergency_plan_version_reviewed_ck" CHECK (("emergency_plan_version"."status" = 'submitted') = ("emergency_plan_version"."reviewed_at" is null))
);
--> statement-breakpoint
CREATE TABLE "quiz" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"campaign_id" uuid,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"question_count" integer NOT NULL,
	"time_limit_seconds" integer NOT NULL,
	"max_attempts" integer DEFAULT 1 NOT NULL,
	"is_public" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"opens_at" timestamp with time zone,
	"closes_at" timestamp with time zone,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quiz_count_ck" CHECK ("quiz"."question_count" between 1 and 200),
	CONSTRAINT "quiz_time_ck" CHECK ("quiz"."time_limit_seconds" between 30 and 14400),
	CONSTRAINT "quiz_attempts_ck" CHECK ("quiz"."max_attempts" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "quiz_attempt" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"quiz_id" uuid NOT NULL,
	"user_id" uuid,
	"nickname" text DEFAULT '' NOT NULL,
	"participant_hash" text,
	"township_id" uuid,
	"institution_id" uuid,
	"question_ids" jsonb NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'in_progress' NOT NULL,
	"submitted_at" timestamp with time zone,
	"late" boolean DEFAULT false NOT NULL,
	"correct_count" integer,
	"score" integer,
	"max_score" integer,
	CONSTRAINT "quiz_attempt_who_ck" CHECK ("quiz_attempt"."user_id" is not null or "quiz_attempt"."participant_hash" is not null),
	CONSTRAINT "quiz_attempt_submitted_ck" CHECK (("quiz_attempt"."status" = 'submitted') = ("quiz_attempt"."submitted_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "quiz_attempt_answer" (
	"attempt_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"chosen" jsonb NOT NULL,
	"is_correct" boolean NOT NULL,
	CONSTRAINT "quiz_attempt_answer_attempt_id_question_id_pk" PRIMARY KEY("attempt_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "quiz_question" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"stem" text NOT NULL,
	"options" jsonb NOT NULL,
	"answer" jsonb NOT NULL,
	"explanation" text DEFAULT '' NOT NULL,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"is_built_in" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quiz_question_code_uq" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "study_session" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"level" text NOT NULL,
	"township_id" uuid,
	"institution_id" uuid,
	"kind" text NOT NULL,
	"held_on" date NOT NULL,
	"organiser" text DEFAULT '' NOT NULL,
	"topic" text NOT NULL,
	"regulations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"participant_count" integer NOT NULL,
	"participant_names" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "study_session_level_ck" CHECK (("study_session"."level" = 'county' and "study_session"."township_id" is null and "study_session"."institution_id" is null)
    or ("study_session"."level" = 'township' and "study_session"."township_id" is not null and "study_session"."institution_id" is null)
    or ("study_session"."level" = 'institution' and "study_session"."township_id" is not null and "study_session"."institution_id" is not null)),
	CONSTRAINT "study_session_participants_ck" CHECK ("study_session"."participant_count" between 0 and 100000)
);
--> statement-breakpoint
ALTER TABLE "institution" ADD COLUMN "staff_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "drill" ADD CONSTRAINT "drill_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drill" ADD CONSTRAINT "drill_township_id_township_id_fk" FOREIGN KEY ("township_id") REFERENCES "public"."township"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drill" ADD CONSTRAINT "drill_plan_id_emergency_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."emergency_plan"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drill" ADD CONSTRAINT "drill_created_by_id_app_user_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."app_user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drill" ADD CONSTRAINT "drill_recorded_by_id_app_user_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."app_user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drill_evaluation" ADD CONSTRAINT "drill_evaluation_drill_id_drill_id_fk" FOREIGN KEY ("drill_id") REFERENCES "public"."drill"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drill_evaluation" ADD CONSTRAINT "drill_evaluation_evaluated_by_id_app_user_id_fk" FOREIGN KEY ("evaluated_by_id") REFERENCES "public"."app_user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drill_finding" ADD CONSTRAINT "drill_finding_drill_id_drill_id_fk" FOREIGN KEY ("drill_id") REFERENCES "public"."drill"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drill_finding" ADD CONSTRAINT "drill_finding_hazard_id_hazard_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "public"."hazard"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drill_finding" ADD CONSTRAINT "drill_finding_created_by_id_app_user_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."app_user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_plan" ADD CONSTRAINT "emergency_plan_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_plan" ADD CONSTRAINT "emergency_plan_township_id_township_id_fk" FOREIGN KEY ("township_id") REFERENCES "public"."township"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_plan" ADD CONSTRAINT "emergency_plan_created_by_id_app_user_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."app_user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_plan_version" ADD CONSTRAINT "emergency_plan_version_plan_id_emergency_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."emergency_plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_plan_version" ADD CONSTRAINT "emergency_plan_version_submitted_by_id_app_user_id_fk" FOREIGN KEY ("submitted_by_id") REFERENCES "public"."app_user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_plan_version" ADD CONSTRAINT "emergency_plan_version_reviewed_by_id_app_user_id_fk" FOREIGN KEY ("reviewed_by_id") REFERENCES "public"."app_user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz" ADD CONSTRAINT "quiz_campaign_id_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz" ADD CONSTRAINT "quiz_created_by_id_app_user_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."app_user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_attempt" ADD CONSTRAINT "quiz_attempt_quiz_id_quiz_id_fk" FOREIGN KEY ("quiz_id") REFERENCES "public"."quiz"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_attempt" ADD CONSTRAINT "quiz_attempt_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_attempt" ADD CONSTRAINT "quiz_attempt_township_id_township_id_fk" FOREIGN KEY ("township_id") REFERENCES "public"."township"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_attempt" ADD CONSTRAINT "quiz_attempt_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_attempt_answer" ADD CONSTRAINT "quiz_attempt_answer_attempt_id_quiz_attempt_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."quiz_attempt"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_attempt_answer" ADD CONSTRAINT "quiz_attempt_answer_question_id_quiz_question_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."quiz_question"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_session" ADD CONSTRAINT "study_session_township_id_township_id_fk" FOREIGN KEY ("township_id") REFERENCES "public"."township"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_session" ADD CONSTRAINT "study_session_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_session" ADD CONSTRAINT "study_session_created_by_id_app_user_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."app_user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "drill_institution_idx" ON "drill" USING btree ("institution_id","held_at");--> statement-breakpoint
CREATE INDEX "drill_township_idx" ON "drill" USING btree ("township_id","status","held_at");--> statement-breakpoint
CREATE INDEX "drill_finding_drill_idx" ON "drill_finding" USING btree ("drill_id");--> statement-breakpoint
CREATE INDEX "drill_finding_hazard_idx" ON "drill_finding" USING btree ("hazard_id");--> statement-breakpoint
CREATE INDEX "emergency_plan_institution_idx" ON "emergency_plan" USING btree ("institution_id","kind");--> statement-breakpoint
CREATE INDEX "emergency_plan_township_idx" ON "emergency_plan" USING btree ("township_id");--> statement-breakpoint
CREATE INDEX "quiz_attempt_quiz_idx" ON "quiz_attempt" USING btree ("quiz_id","status");--> statement-breakpoint
CREATE INDEX "quiz_attempt_user_idx" ON "quiz_attempt" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "quiz_attempt_participant_idx" ON "quiz_attempt" USING btree ("quiz_id","participant_hash");--> statement-breakpoint
CREATE INDEX "quiz_attempt_answer_question_idx" ON "quiz_attempt_answer" USING btree ("question_id","is_correct");--> statement-breakpoint
CREATE INDEX "study_session_township_idx" ON "study_session" USING btree ("township_id","held_on");--> statement-breakpoint
CREATE INDEX "study_session_institution_idx" ON "study_session" USING btree ("institution_id","held_on");--> statement-breakpoint
ALTER TABLE "institution" ADD CONSTRAINT "institution_staff_count_ck" CHECK ("institution"."staff_count" >= 0);
/**
 * Names the app uses for the generated OpenAPI schemas. Only this file knows the server's
 * schema names, so a rename in openapi.yaml is fixed here, once.
 */
import type { components } from './schema';

type Schemas = components['schemas'];

/** A user as the admin screens see it. */
export type User = Schemas['UserResponse'];
/** The signed-in user as the token answer describes them. */
export type SessionUser = Schemas['AuthUser'];
export type Me = Schemas['MeResponse'];
export type UserRole = Schemas['Role'];
export type TokenResponse = Schemas['TokenResponse'];
export type UserBody = Schemas['UserInput'];

export type Webhook = Schemas['WebhookResponse'];
export type WebhookCreated = Schemas['WebhookWithSecretResponse'];
export type WebhookBody = Schemas['WebhookInput'];
/** A change feed type a subscription may name: the closed set WebhookInput.types lists. */
export type FeedType = WebhookBody['types'][number];
export type WebhookStatus = Schemas['WebhookStatus'];
export type WebhookDelivery = Schemas['WebhookDeliveryResponse'];
export type WebhookPing = Schemas['WebhookPingResponse'];
export type AuditEntry = Schemas['AuditEntry'];
export type MailLogItem = Schemas['MailLogItem'];
export type MailStatus = Schemas['MailStatus'];

export type Member = Schemas['MemberResponse'];
export type MemberBody = Schemas['MemberInput'];
export type MemberKind = Schemas['MemberKind'];
export type Sector = Schemas['Sector'];
export type MembershipStatus = NonNullable<Schemas['MembershipStatus']>;

export type CommunityEvent = Schemas['CommunityEventResponse'];
export type CommunityEventPage = Schemas['CommunityEventPage'];
export type EventBody = Schemas['CommunityEventInput'];
export type EventStatus = Schemas['EventStatus'];
export type EventVisibility = Schemas['EventVisibility'];
export type EventLanguage = Schemas['EventLanguage'];
export type Registration = Schemas['RegistrationResponse'];
export type RegistrationBody = Schemas['RegistrationInput'];
export type RegistrationReceipt = Schemas['RegistrationReceipt'];
export type FeedbackBody = Schemas['FeedbackInput'];
export type FeedbackSummary = Schemas['FeedbackSummary'];

export type Partnership = Schemas['PartnershipResponse'];
export type PartnershipBody = Schemas['PartnershipInput'];
export type PartnershipStatus = Schemas['PartnershipStatus'];
export type ServiceArea = Schemas['ServiceArea'];
export type PartyRole = Schemas['PartyRole'];
export type PartnershipReview = Schemas['PartnershipReviewResponse'];
export type PartnershipReviewBody = Schemas['PartnershipReviewInput'];
export type PartnershipTransition = Schemas['PartnershipTransitionResponse'];

export type Pilot = Schemas['PilotResponse'];
export type PilotBody = Schemas['PilotInput'];
export type PilotPage = Schemas['PilotPage'];
export type PilotStage = Schemas['PilotStage'];
export type PilotTheme = Schemas['PilotTheme'];

export type Space = Schemas['SpaceResponse'];
export type SpaceBody = Schemas['SpaceInput'];
export type SpaceKind = Schemas['SpaceKind'];
export type SpaceFeature = Schemas['SpaceFeature'];
export type SpaceAvailability = Schemas['SpaceAvailability'];
export type TimeInterval = Schemas['TimeInterval'];
export type Booking = Schemas['BookingResponse'];
export type BookingBody = Schemas['BookingInput'];
export type BookingStatus = Schemas['BookingStatus'];
export type BookingSeries = Schemas['BookingSeriesResponse'];
export type BookingSeriesBody = Schemas['BookingSeriesInput'];

export type Stats = Schemas['StatsResponse'];
export type CountBy = Schemas['CountBy'];

export type ApiKey = Schemas['ApiKeyResponse'];
export type ApiKeyBody = Schemas['ApiKeyInput'];
/** A scope an API key may have: the closed set ApiKeyInput.scopes lists. */
export type ApiKeyScope = ApiKeyBody['scopes'][number];
export type ApiKeyCreated = Schemas['ApiKeyCreated'];

export type Contact = Schemas['ContactResponse'];
export type ContactBody = Schemas['ContactInput'];

export const userRoles = ['admin', 'staff', 'member_editor', 'viewer'] as const satisfies readonly UserRole[];
export const memberKinds = [
  'association',
  'municipality',
  'company',
  'foundation',
  'public_authority',
  'other',
] as const satisfies readonly MemberKind[];
export const sectors = [
  'social_health',
  'disability',
  'culture',
  'youth',
  'sports',
  'employment',
  'education',
  'immigration',
  'environment',
  'elderly',
  'children_families',
  'other',
] as const satisfies readonly Sector[];
export const webhookStatuses = ['active', 'paused', 'failing'] as const satisfies readonly WebhookStatus[];
/** The change feed's collections: what a webhook can subscribe to and (bookings through `spaces:read`) what an API key can read. */
export const feedTypes = ['members', 'partnerships', 'pilots', 'events', 'spaces', 'bookings'] as const satisfies readonly FeedType[];
/** What the audit trail records writes of (the feed's collections and the admin-only ones). */
export const auditEntityTypes = [...feedTypes, 'contacts', 'event_feedback', 'users', 'api_keys', 'webhooks', 'booking_series'] as const;
export const membershipStatuses = ['applicant', 'active', 'suspended', 'ended'] as const satisfies readonly MembershipStatus[];
export const eventStatuses = ['draft', 'published', 'completed', 'cancelled'] as const satisfies readonly EventStatus[];
export const eventVisibilities = ['public', 'members'] as const satisfies readonly EventVisibility[];
export const eventLanguages = ['fi', 'sv', 'en'] as const satisfies readonly EventLanguage[];
export const partnershipStatuses = ['draft', 'negotiation', 'active', 'ended', 'cancelled'] as const satisfies readonly PartnershipStatus[];
export const serviceAreas = [
  'strategy',
  'immigration',
  'employment',
  'social_health',
  'youth',
  'basic_education',
  'culture',
  'leisure',
  'wellbeing',
  'other',
] as const satisfies readonly ServiceArea[];
export const partyRoles = ['municipality', 'coordinator', 'partner', 'funder'] as const satisfies readonly PartyRole[];
export const pilotStages = ['idea', 'decided', 'preparing', 'running', 'evaluating', 'adopted', 'discontinued'] as const satisfies readonly PilotStage[];
export const pilotThemes = ['education', 'work', 'leisure', 'wellbeing', 'other'] as const satisfies readonly PilotTheme[];

export const spaceKinds = ['meeting_room', 'hall', 'workspace'] as const satisfies readonly SpaceKind[];
export const spaceFeatures = ['projector', 'screen', 'video_conference', 'whiteboard', 'sound_system', 'kitchen', 'accessible', 'other'] as const satisfies readonly SpaceFeature[];

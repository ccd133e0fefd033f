// Generated from ../openapi.yaml by scripts/gen-limits.mjs (npm run gen:api): do not edit.
/**
 * What each request body's fields accept, as openapi.yaml says, by the path the API names a field with in its errors
 * (`address.street`, `parties[].role`): for the forms' maxLength, required, min and max.
 */
export const limits = {
  "ApiKeyInput": {
    "name": {
      "required": true,
      "minLength": 1,
      "maxLength": 200
    },
    "scopes": {
      "required": true,
      "minItems": 1
    },
    "municipalityCode": {}
  },
  "BookingInput": {
    "spaceId": {
      "required": true,
      "format": "uuid"
    },
    "memberId": {
      "format": "uuid"
    },
    "startsAt": {
      "required": true,
      "format": "date-time"
    },
    "endsAt": {
      "required": true,
      "format": "date-time"
    },
    "purpose": {
      "maxLength": 500
    },
    "attendees": {
      "format": "int32"
    },
    "kind": {},
    "overrideReason": {
      "maxLength": 1000
    }
  },
  "BookingSeriesInput": {
    "spaceId": {
      "required": true,
      "format": "uuid"
    },
    "memberId": {
      "required": true,
      "format": "uuid"
    },
    "startsAt": {
      "required": true,
      "format": "date-time"
    },
    "endsAt": {
      "required": true,
      "format": "date-time"
    },
    "repeat": {
      "required": true
    },
    "until": {
      "required": true,
      "format": "date"
    },
    "purpose": {
      "maxLength": 500
    },
    "attendees": {
      "format": "int32"
    }
  },
  "BookingTransitionInput": {
    "to": {
      "required": true
    },
    "reason": {
      "maxLength": 1000
    }
  },
  "CancelRegistrationInput": {
    "cancelToken": {
      "required": true,
      "minLength": 1,
      "maxLength": 200
    }
  },
  "CommunityEventInput": {
    "title": {
      "required": true,
      "minLength": 3,
      "maxLength": 200
    },
    "description": {
      "maxLength": 8000
    },
    "startsAt": {
      "required": true,
      "format": "date-time"
    },
    "endsAt": {
      "required": true,
      "format": "date-time"
    },
    "venue": {},
    "venue.name": {
      "required": true,
      "minLength": 1,
      "maxLength": 200
    },
    "venue.street": {
      "maxLength": 200
    },
    "venue.city": {
      "maxLength": 100
    },
    "municipalityCode": {
      "required": true,
      "minLength": 1
    },
    "organizerIds": {
      "required": true,
      "minItems": 1,
      "maxItems": 20
    },
    "organizerIds[]": {
      "format": "uuid"
    },
    "partnershipId": {
      "format": "uuid"
    },
    "pilotId": {
      "format": "uuid"
    },
    "capacity": {
      "minimum": 1,
      "maximum": 100000,
      "format": "int32"
    },
    "registrationOpensAt": {
      "format": "date-time"
    },
    "registrationClosesAt": {
      "format": "date-time"
    },
    "visibility": {},
    "languages": {
      "maxItems": 3
    },
    "keywords": {
      "maxItems": 20
    },
    "keywords[]": {
      "minLength": 1,
      "maxLength": 50
    },
    "spaceId": {
      "format": "uuid"
    }
  },
  "ContactInput": {
    "name": {
      "required": true,
      "minLength": 2,
      "maxLength": 200
    },
    "title": {
      "maxLength": 200
    },
    "email": {
      "maxLength": 254,
      "format": "email"
    },
    "phone": {
      "maxLength": 40
    }
  },
  "EventTransitionInput": {
    "to": {
      "required": true
    }
  },
  "FeedbackInput": {
    "rating": {
      "required": true,
      "minimum": 1,
      "maximum": 5,
      "format": "int32"
    },
    "comment": {
      "maxLength": 2000
    },
    "cancelToken": {
      "required": true,
      "minLength": 1,
      "maxLength": 200
    }
  },
  "MemberInput": {
    "name": {
      "required": true,
      "minLength": 2,
      "maxLength": 200
    },
    "businessId": {},
    "kind": {
      "required": true
    },
    "sectors": {
      "maxItems": 12
    },
    "municipalityCode": {
      "required": true,
      "minLength": 1
    },
    "description": {
      "maxLength": 4000
    },
    "website": {
      "maxLength": 500,
      "format": "uri"
    },
    "email": {
      "maxLength": 254,
      "format": "email"
    },
    "phone": {
      "maxLength": 40
    },
    "address": {},
    "address.street": {
      "maxLength": 200
    },
    "address.postalCode": {},
    "address.city": {
      "maxLength": 100
    },
    "membership": {},
    "membership.status": {},
    "membership.joinedOn": {
      "format": "date"
    },
    "membership.endedOn": {
      "format": "date"
    }
  },
  "PartnershipInput": {
    "title": {
      "required": true,
      "minLength": 3,
      "maxLength": 200
    },
    "description": {
      "maxLength": 4000
    },
    "municipalityCode": {
      "required": true,
      "minLength": 1
    },
    "serviceArea": {
      "required": true
    },
    "startsOn": {
      "format": "date"
    },
    "endsOn": {
      "format": "date"
    },
    "agreementRef": {
      "maxLength": 100
    },
    "reviewIntervalMonths": {
      "minimum": 1,
      "maximum": 60,
      "format": "int32"
    },
    "parties": {
      "required": true,
      "minItems": 2,
      "maxItems": 50
    },
    "parties[].memberId": {
      "required": true,
      "format": "uuid"
    },
    "parties[].role": {
      "required": true
    },
    "parties[].responsibilities": {
      "maxLength": 1000
    },
    "goals": {
      "maxItems": 50
    },
    "goals[].id": {
      "format": "uuid"
    },
    "goals[].title": {
      "required": true,
      "minLength": 2,
      "maxLength": 200
    },
    "goals[].indicator": {
      "maxLength": 500
    },
    "goals[].target": {
      "maxLength": 500
    }
  },
  "PartnershipReviewInput": {
    "reviewedOn": {
      "required": true,
      "format": "date"
    },
    "summary": {
      "required": true,
      "minLength": 1,
      "maxLength": 4000
    },
    "goalProgress": {
      "maxItems": 50
    },
    "goalProgress[].goalId": {
      "required": true,
      "format": "uuid"
    },
    "goalProgress[].progress": {
      "required": true,
      "minimum": 0,
      "maximum": 100,
      "format": "int32"
    },
    "goalProgress[].comment": {
      "maxLength": 1000
    },
    "nextSteps": {
      "maxLength": 4000
    }
  },
  "PartnershipTransitionInput": {
    "to": {
      "required": true
    },
    "note": {
      "maxLength": 1000
    }
  },
  "PasswordResetConfirmInput": {
    "token": {
      "required": true,
      "minLength": 1,
      "maxLength": 200
    },
    "newPassword": {
      "required": true,
      "minLength": 1
    }
  },
  "PasswordResetInput": {
    "email": {
      "required": true,
      "minLength": 1,
      "maxLength": 254,
      "format": "email"
    }
  },
  "PersonalDataEraseRequest": {
    "email": {
      "required": true,
      "minLength": 1,
      "maxLength": 254,
      "format": "email"
    }
  },
  "PersonalDataExportRequest": {
    "email": {
      "required": true,
      "minLength": 1,
      "maxLength": 254,
      "format": "email"
    }
  },
  "PilotInput": {
    "title": {
      "required": true,
      "minLength": 2,
      "maxLength": 200
    },
    "theme": {
      "required": true
    },
    "problem": {
      "maxLength": 4000
    },
    "hypothesis": {
      "maxLength": 4000
    },
    "municipalityCode": {
      "required": true,
      "minLength": 1
    },
    "partnershipId": {
      "format": "uuid"
    },
    "ownerMemberId": {
      "required": true,
      "format": "uuid"
    },
    "team": {
      "maxItems": 50
    },
    "team[].memberId": {
      "required": true,
      "format": "uuid"
    },
    "team[].role": {
      "maxLength": 200
    },
    "plannedStart": {
      "format": "date"
    },
    "plannedEnd": {
      "format": "date"
    },
    "startedOn": {
      "format": "date"
    },
    "endedOn": {
      "format": "date"
    },
    "budgetEur": {
      "minimum": 0,
      "maximum": 1000000000000,
      "format": "double"
    },
    "metrics": {
      "maxItems": 50
    },
    "metrics[].id": {
      "format": "uuid"
    },
    "metrics[].name": {
      "required": true,
      "minLength": 1,
      "maxLength": 200
    },
    "metrics[].unit": {
      "maxLength": 50
    },
    "metrics[].baseline": {
      "minimum": -1000000000000,
      "maximum": 1000000000000,
      "format": "double"
    },
    "metrics[].target": {
      "minimum": -1000000000000,
      "maximum": 1000000000000,
      "format": "double"
    },
    "metrics[].actual": {
      "minimum": -1000000000000,
      "maximum": 1000000000000,
      "format": "double"
    },
    "evaluation": {},
    "evaluation.results": {
      "maxLength": 4000
    },
    "evaluation.impact": {
      "maxLength": 4000
    },
    "evaluation.learnings": {
      "maxLength": 4000
    },
    "evaluation.recommendation": {
      "maxLength": 4000
    }
  },
  "PilotTransitionInput": {
    "to": {
      "required": true
    },
    "note": {
      "maxLength": 2000
    }
  },
  "RegistrationInput": {
    "name": {
      "required": true,
      "minLength": 2,
      "maxLength": 200
    },
    "email": {
      "required": true,
      "minLength": 1,
      "maxLength": 254,
      "format": "email"
    },
    "language": {},
    "memberId": {
      "format": "uuid"
    },
    "notes": {
      "maxLength": 2000
    }
  },
  "SpaceInput": {
    "name": {
      "required": true,
      "minLength": 1,
      "maxLength": 200
    },
    "kind": {
      "required": true
    },
    "description": {
      "maxLength": 4000
    },
    "capacity": {
      "format": "int32"
    },
    "features": {
      "maxItems": 20
    },
    "address": {},
    "address.street": {
      "maxLength": 200
    },
    "address.postalCode": {},
    "address.city": {
      "maxLength": 100
    },
    "municipalityCode": {
      "required": true,
      "minLength": 1
    },
    "openingHours": {
      "maxItems": 50
    },
    "openingHours[].weekday": {
      "minimum": 1,
      "maximum": 7,
      "format": "int32"
    },
    "openingHours[].opens": {},
    "openingHours[].closes": {},
    "closures": {
      "maxItems": 200
    },
    "closures[].from": {
      "required": true,
      "format": "date"
    },
    "closures[].to": {
      "required": true,
      "format": "date"
    },
    "closures[].reason": {
      "required": true,
      "minLength": 1,
      "maxLength": 500
    },
    "rules": {},
    "rules.minMinutes": {
      "format": "int32"
    },
    "rules.maxMinutes": {
      "format": "int32"
    },
    "rules.intervalMinutes": {
      "format": "int32"
    },
    "rules.bufferBeforeMinutes": {
      "format": "int32"
    },
    "rules.bufferAfterMinutes": {
      "format": "int32"
    },
    "rules.bookAheadDays": {
      "format": "int32"
    },
    "rules.maxActivePerMember": {
      "format": "int32"
    },
    "rules.approval": {},
    "rules.cancelHoursBefore": {
      "format": "int32"
    },
    "rules.bookableBy": {}
  },
  "TokenRequest": {
    "email": {
      "required": true,
      "minLength": 1,
      "maxLength": 254
    },
    "password": {
      "required": true,
      "minLength": 1,
      "maxLength": 200
    }
  },
  "UserInput": {
    "email": {
      "required": true,
      "minLength": 1,
      "maxLength": 254,
      "format": "email"
    },
    "displayName": {
      "required": true,
      "minLength": 1,
      "maxLength": 200
    },
    "role": {
      "required": true
    },
    "memberId": {
      "format": "uuid"
    },
    "password": {
      "minLength": 12,
      "maxLength": 200
    }
  },
  "WebhookInput": {
    "url": {
      "required": true,
      "minLength": 1,
      "maxLength": 2000
    },
    "types": {
      "required": true,
      "minItems": 1
    },
    "municipalityCode": {},
    "description": {
      "maxLength": 1000
    },
    "status": {}
  }
} as const;

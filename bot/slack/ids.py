"""Slack ids in one place: commands, callback ids, action ids and input block ids.

Input blocks use the form field's name as both block_id and action_id, so inline errors
(`response_action: errors`) can name the field directly.
"""

OFFER_HELP_COMMAND = "/offer-help"
NEED_HELP_COMMAND = "/need-help"
KINDRED_COMMAND = "/kindred"

# modals (callback_id)
OFFER_MODAL = "offer_modal"
NEED_MODAL = "need_modal"
PROJECT_MODAL = "project_modal"
PROFILE_MODAL = "profile_modal"
NOTICE_MODAL = "notice_modal"
ENTRY_MODALS = {"offer": OFFER_MODAL, "need": NEED_MODAL, "project": PROJECT_MODAL}

# input blocks / fields
DESCRIPTION = "description"
SKILLS = "skills"
DETAILS = "details"
FORMAT = "format"
CAPACITY = "monthly_capacity"
URGENCY = "urgency"
VISIBILITY = "visibility"
LINKS = "links"
NAME = "name"
HELP_WANTED = "help_wanted"
TITLE = "title"
BIO = "bio"

# buttons and menus (action_id)
ADD_OFFER = "add_offer"
ADD_NEED = "add_need"
ADD_PROJECT = "add_project"
EDIT_PROFILE = "edit_profile"
EDIT_ENTRY = "edit_entry"
WITHDRAW_ENTRY = "withdraw_entry"
RESOLVE_ENTRY = "resolve_entry"
ARCHIVE_ENTRY = "archive_entry"
PAUSE = "pause"
RESUME = "resume"
CHOOSE_CADENCE = "choose_cadence"
SET_CADENCE = "set_cadence"
PROFILE_ADD_PROJECT = "profile_add_project"
PROFILE_EDIT_PROJECT = "profile_edit_project"

# block ids of non-input blocks that listeners look for
PROFILE_PROJECTS_BLOCK = "profile_projects"
DIGEST_INTRO = "digest_intro"
DIGEST_NOT_FOR_ME = "digest_not_for_me"
INTRO_COMMAND = "/intro"
INTRO_MODAL = "intro_modal"
INTRO_FIRST = "first_person"
INTRO_SECOND = "second_person"
INTRO_REASON = "reason"
CONSENT_YES = "intro_yes"
CONSENT_NO = "intro_not_now"
OUTCOME_MET = "outcome_met"
OUTCOME_NOT_YET = "outcome_not_yet"
OUTCOME_NOT_A_FIT = "outcome_not_a_fit"
RECONNECT_IN_TOUCH = "reconnect_in_touch"
RECONNECT_LATER = "reconnect_later"
RECONNECT_NOT_FOR_ME = "reconnect_not_for_me"
NEED_INTRO = "need_intro"
FORGET_ME_CONFIRM = "forget_me_confirm"
FORGET_ME_CANCEL = "forget_me_cancel"
RECONNECT_STAR = "reconnect_star"
RECONNECT_UNSTAR = "reconnect_unstar"
RECONNECTS_SWITCH = "reconnects_switch"
OPEN_DASHBOARD = "open_dashboard"  # a link button: Slack opens the URL; the click is only acknowledged

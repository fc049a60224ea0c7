"""The conference: the event, its rooms, talks, the draft timetable, the published schedule
releases and the exports of the published agenda."""

"""Role x route cases for "Your sessions" and the timeout warning's keep-alive (see
tests/matrix.py for the helpers and rules). Each person sees and ends only their own
sessions, so every signed-in person gets the same answers; anonymous visitors are sent to
sign in."""

from .matrix import SIGNED_IN, Case, everyone, expect

CASES = [
    Case("usersessions_list", expect(SIGNED_IN)),
    Case("usersessions_end_others", expect(SIGNED_IN)),
    Case("usersessions_end_others", expect(SIGNED_IN, code=302), method="post"),
    Case("usersessions_end_all", expect(SIGNED_IN)),
    Case("usersessions_end_all", expect(SIGNED_IN, code=302), method="post"),
    Case("usersessions_keep_alive", expect(SIGNED_IN), method="post"),
    Case("usersessions_keep_alive", everyone(405, anon=302), note="GET is refused"),
]

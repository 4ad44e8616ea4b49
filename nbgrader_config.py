"""nbgrader's configuration for the course (docs/instructor_guide.md, "Grading with nbgrader").

Run nbgrader from the course folder. Its course folder is nbgrader/: `make nbgrader` writes the source assignments
into nbgrader/source/ from solutions/, and nbgrader keeps there what it makes (release/, submitted/, autograded/,
feedback/, gradebook.db, grades.csv). The exchange (release, fetch, submit, collect) is nbgrader's default,
/usr/local/share/nbgrader/exchange, unless the hub sets `c.Exchange.root`.
"""

import os

c = get_config()  # noqa: F821  (given by nbgrader when it reads this file)

c.CourseDirectory.course_id = "giving-up-the-bomb"
c.CourseDirectory.root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "nbgrader")
c.ExportPlugin.to = os.path.join(c.CourseDirectory.root, "grades.csv")  # `nbgrader export`: beside the gradebook

# The student version is the exercises' own: tools/notebooks.py puts each code answer's placeholders
# (`q1 = ...`) in front of its solution region, so the region is replaced by nothing; a written answer by the
# exercises' placeholder text.
c.ClearSolutions.begin_solution_delimeter = "### BEGIN SOLUTION"
c.ClearSolutions.end_solution_delimeter = "### END SOLUTION"
c.ClearSolutions.code_stub = {"python": ""}
c.ClearSolutions.text_stub = "_Write your answer here._"

# Autograding: each check cell is a test worth 1 point. Under `autograde` (and `validate`), course.check raises its
# usual line as a one-line NoPoints error unless the answer is correct, so nbgrader scores it 0 (course/checks.py).
# A lesson's first cell loads pandas and plotly: allow a slow shared machine more than the default 30 s a cell.
c.Execute.timeout = 120

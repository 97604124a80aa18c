//! The SQL of 民生实事项目票决: every read and write of the area's tables.

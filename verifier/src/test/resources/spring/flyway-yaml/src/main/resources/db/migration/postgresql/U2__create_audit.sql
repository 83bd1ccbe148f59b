DROP TABLE ${auditTable};

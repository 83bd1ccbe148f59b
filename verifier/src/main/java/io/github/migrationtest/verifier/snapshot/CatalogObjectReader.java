package io.github.migrationtest.verifier.snapshot;

import java.util.Map;

/**
 * Reads the {@link CatalogObject}s: in a whole read, and in a partial one when the recorder saw a command on one (they
 * are few, and read all together). Extensions' members are left out, as everywhere; so are casts and the other kinds
 * Postgres ships (their OIDs are below the first one a user's object gets).
 */
final class CatalogObjectReader implements CatalogReader {
    /** Postgres's FirstNormalObjectId: every object a user or an extension makes has an OID from here on. */
    private static final String USER_OID = "16384";

    private static final Map<ObjectKind, String> QUERIES = Map.ofEntries(
            Map.entry(ObjectKind.COLLATION, """
                    select n.nspname, quote_ident(n.nspname) || '.' || quote_ident(c.collname),
                           concat_ws(', ', 'provider ' || case c.collprovider when 'i' then 'icu' when 'c' then 'libc'
                                   when 'b' then 'builtin' when 'd' then 'default' else c.collprovider::text end,
                               -- colliculocale in 15 and 16, colllocale from 17 (read through the row as JSON); up to 14
                               -- and for libc, lc_collate and lc_ctype, named apart only where they differ.
                               'locale ' || coalesce(to_jsonb(c) ->> 'colllocale', to_jsonb(c) ->> 'colliculocale',
                                   case when c.collcollate = c.collctype then c.collcollate end),
                               'lc_collate ' || case when c.collcollate <> c.collctype then c.collcollate end,
                               'lc_ctype ' || case when c.collcollate <> c.collctype then c.collctype end,
                               'rules ' || (to_jsonb(c) ->> 'collicurules'),
                               case when not c.collisdeterministic then 'nondeterministic' end,
                               'encoding ' || pg_encoding_to_char(nullif(c.collencoding, -1))),
                           %s
                    from pg_collation c join pg_namespace n on n.oid = c.collnamespace
                    where %s and %s""".formatted(ReadScope.comment("pg_collation", "c.oid"),
                    ReadScope.inSchemas("c.collnamespace"), ReadScope.notExtensionMember("pg_collation", "c.oid"))),
            Map.entry(ObjectKind.TEXT_SEARCH_CONFIGURATION, """
                    select n.nspname, quote_ident(n.nspname) || '.' || quote_ident(c.cfgname),
                           'parser ' || (select quote_ident(pn.nspname) || '.' || quote_ident(p.prsname) from pg_ts_parser p
                               join pg_namespace pn on pn.oid = p.prsnamespace where p.oid = c.cfgparser)
                           || coalesce('; ' || (select string_agg(t.alias || ': ' || t.dictionaries, '; ' order by t.alias)
                               from (select tt.alias, string_agg(m.mapdict::regdictionary::text, ', ' order by m.mapseqno)
                                   as dictionaries from pg_ts_config_map m
                                   join ts_token_type(c.cfgparser) tt on tt.tokid = m.maptokentype
                                   where m.mapcfg = c.oid group by tt.alias) t), ''),
                           %s
                    from pg_ts_config c join pg_namespace n on n.oid = c.cfgnamespace
                    where %s and %s""".formatted(ReadScope.comment("pg_ts_config", "c.oid"),
                    ReadScope.inSchemas("c.cfgnamespace"), ReadScope.notExtensionMember("pg_ts_config", "c.oid"))),
            Map.entry(ObjectKind.TEXT_SEARCH_DICTIONARY, """
                    select n.nspname, quote_ident(n.nspname) || '.' || quote_ident(d.dictname),
                           'template ' || (select quote_ident(tn.nspname) || '.' || quote_ident(t.tmplname)
                               from pg_ts_template t join pg_namespace tn on tn.oid = t.tmplnamespace
                               where t.oid = d.dicttemplate) || coalesce(' (' || d.dictinitoption || ')', ''),
                           %s
                    from pg_ts_dict d join pg_namespace n on n.oid = d.dictnamespace
                    where %s and %s""".formatted(ReadScope.comment("pg_ts_dict", "d.oid"),
                    ReadScope.inSchemas("d.dictnamespace"), ReadScope.notExtensionMember("pg_ts_dict", "d.oid"))),
            Map.entry(ObjectKind.FOREIGN_DATA_WRAPPER, """
                    select null, quote_ident(w.fdwname),
                           concat_ws(', ', 'handler ' || nullif(w.fdwhandler, 0)::regprocedure::text,
                               'validator ' || nullif(w.fdwvalidator, 0)::regprocedure::text,
                               'options ' || array_to_string(w.fdwoptions, ', ')),
                           %s
                    from pg_foreign_data_wrapper w
                    where %s""".formatted(ReadScope.comment("pg_foreign_data_wrapper", "w.oid"),
                    ReadScope.notExtensionMember("pg_foreign_data_wrapper", "w.oid"))),
            Map.entry(ObjectKind.SERVER, """
                    select null, quote_ident(s.srvname),
                           concat_ws(', ', 'foreign data wrapper ' || quote_ident(w.fdwname), 'type ' || s.srvtype,
                               'version ' || s.srvversion, 'options ' || array_to_string(s.srvoptions, ', ')),
                           %s
                    from pg_foreign_server s join pg_foreign_data_wrapper w on w.oid = s.srvfdw
                    where %s""".formatted(ReadScope.comment("pg_foreign_server", "s.oid"),
                    ReadScope.notExtensionMember("pg_foreign_server", "s.oid"))),
            // Through the view, which any role may read (the catalog is the superuser's), and which shows the options
            // to the mapped role and the server's owner. The role the snapshot is read as (the migrations' own, whose
            // name differs from run to run) is CURRENT_USER.
            Map.entry(ObjectKind.USER_MAPPING, """
                    select null, 'FOR ' || case when u.umuser = 0 then 'PUBLIC' when u.usename = current_user
                               then 'CURRENT_USER' else quote_ident(u.usename) end || ' SERVER ' || quote_ident(u.srvname),
                           coalesce('options ' || array_to_string(u.umoptions, ', '), ''),
                           null
                    from pg_user_mappings u"""),
            Map.entry(ObjectKind.FOREIGN_TABLE, """
                    select n.nspname, quote_ident(n.nspname) || '.' || quote_ident(c.relname),
                           concat_ws(', ', 'server ' || quote_ident(s.srvname),
                               'options ' || array_to_string(f.ftoptions, ', '))
                           || ': ' || coalesce((select string_agg(quote_ident(a.attname) || ' '
                               || format_type(a.atttypid, a.atttypmod) || case when a.attnotnull then ' NOT NULL' else ''
                               end || coalesce(' OPTIONS (' || array_to_string(a.attfdwoptions, ', ') || ')', ''),
                               ', ' order by a.attnum) from pg_attribute a
                               where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped), ''),
                           %s
                    from pg_foreign_table f join pg_class c on c.oid = f.ftrelid
                    join pg_namespace n on n.oid = c.relnamespace join pg_foreign_server s on s.oid = f.ftserver
                    where %s and %s""".formatted(ReadScope.comment("pg_class", "c.oid"),
                    ReadScope.inSchemas("c.relnamespace"), ReadScope.notExtensionMember("pg_class", "c.oid"))),
            Map.entry(ObjectKind.AGGREGATE, """
                    select n.nspname, (pg_identify_object('pg_proc'::regclass, p.oid, 0)).identity,
                           concat_ws(', ', 'sfunc ' || a.aggtransfn::regproc::text, 'stype ' || a.aggtranstype::regtype::text,
                               'sspace ' || nullif(a.aggtransspace, 0), 'finalfunc ' || nullif(a.aggfinalfn, 0)::regproc::text,
                               case when a.aggfinalextra then 'finalfunc_extra' end,
                               'finalfunc_modify ' || case when a.aggfinalfn <> 0 then a.aggfinalmodify::text end,
                               'combinefunc ' || nullif(a.aggcombinefn, 0)::regproc::text,
                               'serialfunc ' || nullif(a.aggserialfn, 0)::regproc::text,
                               'deserialfunc ' || nullif(a.aggdeserialfn, 0)::regproc::text, 'initcond ' || a.agginitval,
                               'msfunc ' || nullif(a.aggmtransfn, 0)::regproc::text,
                               'minvfunc ' || nullif(a.aggminvtransfn, 0)::regproc::text,
                               'mstype ' || nullif(a.aggmtranstype, 0)::regtype::text, 'msspace ' || nullif(a.aggmtransspace, 0),
                               'mfinalfunc ' || nullif(a.aggmfinalfn, 0)::regproc::text,
                               case when a.aggmfinalextra then 'mfinalfunc_extra' end,
                               'mfinalfunc_modify ' || case when a.aggmfinalfn <> 0 then a.aggmfinalmodify::text end,
                               'minitcond ' || a.aggminitval, 'sortop ' || nullif(a.aggsortop, 0)::regoperator::text,
                               'kind ' || nullif(a.aggkind::text, 'n'), 'direct arguments ' || nullif(a.aggnumdirectargs, 0),
                               'parallel ' || nullif(p.proparallel::text, 'u')),
                           %s
                    from pg_aggregate a join pg_proc p on p.oid = a.aggfnoid join pg_namespace n on n.oid = p.pronamespace
                    where %s and %s""".formatted(ReadScope.comment("pg_proc", "p.oid"),
                    ReadScope.inSchemas("p.pronamespace"), ReadScope.notExtensionMember("pg_proc", "p.oid"))),
            Map.entry(ObjectKind.OPERATOR, """
                    select n.nspname, (pg_identify_object('pg_operator'::regclass, o.oid, 0)).identity,
                           concat_ws(', ', 'left ' || nullif(o.oprleft, 0)::regtype::text, 'right ' || o.oprright::regtype::text,
                               'result ' || o.oprresult::regtype::text, 'function ' || o.oprcode::regproc::text,
                               'commutator ' || nullif(o.oprcom, 0)::regoperator::text,
                               'negator ' || nullif(o.oprnegate, 0)::regoperator::text,
                               'restrict ' || nullif(o.oprrest, 0)::regproc::text, 'join ' || nullif(o.oprjoin, 0)::regproc::text,
                               case when o.oprcanmerge then 'merges' end, case when o.oprcanhash then 'hashes' end),
                           %s
                    from pg_operator o join pg_namespace n on n.oid = o.oprnamespace
                    where %s and %s""".formatted(ReadScope.comment("pg_operator", "o.oid"),
                    ReadScope.inSchemas("o.oprnamespace"), ReadScope.notExtensionMember("pg_operator", "o.oid"))),
            Map.entry(ObjectKind.OPERATOR_CLASS, """
                    select n.nspname, (pg_identify_object('pg_opclass'::regclass, c.oid, 0)).identity,
                           concat_ws(', ', 'family ' || (pg_identify_object('pg_opfamily'::regclass, c.opcfamily, 0)).identity,
                               'type ' || c.opcintype::regtype::text, case when c.opcdefault then 'default' end,
                               'storage ' || nullif(c.opckeytype, 0)::regtype::text),
                           %s
                    from pg_opclass c join pg_namespace n on n.oid = c.opcnamespace
                    where %s and %s""".formatted(ReadScope.comment("pg_opclass", "c.oid"),
                    ReadScope.inSchemas("c.opcnamespace"), ReadScope.notExtensionMember("pg_opclass", "c.oid"))),
            Map.entry(ObjectKind.OPERATOR_FAMILY, """
                    select n.nspname, (pg_identify_object('pg_opfamily'::regclass, f.oid, 0)).identity,
                           concat_ws('; ', (select 'operators ' || string_agg(o.amopstrategy || ' ' || o.amopopr::regoperator::text
                                   || coalesce(' FOR ORDER BY ' || nullif(o.amopsortfamily, 0)::text, ''), ', '
                                   order by o.amopstrategy, o.amoplefttype::regtype::text, o.amoprighttype::regtype::text)
                                   from pg_amop o where o.amopfamily = f.oid),
                               (select 'functions ' || string_agg(r.amprocnum || ' (' || r.amproclefttype::regtype::text
                                   || ', ' || r.amprocrighttype::regtype::text || ') ' || r.amproc::regprocedure::text, ', '
                                   order by r.amprocnum, r.amproclefttype::regtype::text, r.amprocrighttype::regtype::text)
                                   from pg_amproc r where r.amprocfamily = f.oid)),
                           %s
                    from pg_opfamily f join pg_namespace n on n.oid = f.opfnamespace
                    where %s and %s""".formatted(ReadScope.comment("pg_opfamily", "f.oid"),
                    ReadScope.inSchemas("f.opfnamespace"), ReadScope.notExtensionMember("pg_opfamily", "f.oid"))),
            Map.entry(ObjectKind.CAST, """
                    select null, (pg_identify_object('pg_cast'::regclass, k.oid, 0)).identity,
                           concat_ws(', ', 'function ' || nullif(k.castfunc, 0)::regprocedure::text,
                               case k.castcontext when 'i' then 'implicit' when 'a' then 'assignment' else 'explicit' end,
                               case k.castmethod when 'b' then 'binary' when 'i' then 'inout' end),
                           %s
                    from pg_cast k
                    where k.oid >= %s and %s and %s""".formatted(ReadScope.comment("pg_cast", "k.oid"), USER_OID,
                    ReadScope.notExtensionMember("pg_cast", "k.oid"),
                    // Not the casts a range type makes to its multirange (14), which go with it.
                    ReadScope.hasNoDependency("pg_cast", "k.oid", 'i'))),
            Map.entry(ObjectKind.CONVERSION, """
                    select n.nspname, quote_ident(n.nspname) || '.' || quote_ident(c.conname),
                           pg_encoding_to_char(c.conforencoding) || ' to ' || pg_encoding_to_char(c.contoencoding)
                               || ' via ' || c.conproc::regprocedure::text || case when c.condefault then ', default' else '' end,
                           %s
                    from pg_conversion c join pg_namespace n on n.oid = c.connamespace
                    where %s and %s""".formatted(ReadScope.comment("pg_conversion", "c.oid"),
                    ReadScope.inSchemas("c.connamespace"), ReadScope.notExtensionMember("pg_conversion", "c.oid"))));

    @Override
    public void read(ReadScope scope) {
        if (!scope.reads(UnitFilter.Also.CATALOG_OBJECTS)) {
            return;
        }
        QUERIES.forEach((kind, sql) -> scope.query(sql, row -> new CatalogObject(kind, row.getString(1), row.getString(2),
                emptyAsNone(row.getString(3)), row.getString(4))));
    }

    /** A wrapper without handler, validator or options, a mapping without options: no definition to show. */
    private static String emptyAsNone(String definition) {
        return definition == null || definition.isEmpty() ? null : definition;
    }

    /** The queries, for tests that run them on their own. */
    static Map<ObjectKind, String> queries() {
        return QUERIES;
    }
}

using Dapper;
using Npgsql;

namespace Clauses.Api.Data;

public static class Database
{
    /// <summary>
    /// The API's data source connects as clauses_app, a role that is neither owner nor superuser,
    /// so row-level security applies to every query it runs. Migrations use a second connection
    /// string, as the owner (see DatabaseStartup).
    /// </summary>
    public static WebApplicationBuilder AddDatabase(this WebApplicationBuilder builder)
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
        SqlMapper.AddTypeHandler(new NullableDateOnlyHandler());

        var connectionString = builder.Configuration.GetConnectionString("Clauses")
            ?? throw new InvalidOperationException("ConnectionStrings:Clauses is not configured.");
        builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        builder.Services.AddScoped<TenantDb>();
        builder.Services.AddSingleton<TenantDb.Factory>();
        builder.Services.AddSingleton<SystemDb>();
        return builder;
    }

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override DateOnly Parse(object value) => value switch
        {
            DateOnly d => d,
            DateTime dt => DateOnly.FromDateTime(dt),
            _ => throw new InvalidCastException($"Cannot convert {value.GetType()} to DateOnly."),
        };

        public override void SetValue(System.Data.IDbDataParameter parameter, DateOnly value)
        {
            parameter.DbType = System.Data.DbType.Date;
            parameter.Value = value;
        }
    }

    private sealed class NullableDateOnlyHandler : SqlMapper.TypeHandler<DateOnly?>
    {
        public override DateOnly? Parse(object value) => value is DBNull ? null : new DateOnlyHandler().Parse(value);

        public override void SetValue(System.Data.IDbDataParameter parameter, DateOnly? value)
        {
            parameter.DbType = System.Data.DbType.Date;
            parameter.Value = value.HasValue ? value.Value : DBNull.Value;
        }
    }
}
